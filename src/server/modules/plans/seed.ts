/** The eight key tasks of a provincial PCTNTC plan (DOMAIN.md), in plan order. */
export const keyTaskGroupSeed = [
  {
    code: 'leadership',
    ordinal: 1,
    nameVi: 'Lãnh đạo, chỉ đạo, tổ chức thực hiện',
    nameEn: 'Leadership and direction',
  },
  {
    code: 'regulations',
    ordinal: 2,
    nameVi: 'Rà soát, hoàn thiện thể chế',
    nameEn: 'Review and improve regulations',
  },
  {
    code: 'propaganda',
    ordinal: 3,
    nameVi: 'Tuyên truyền, phổ biến, giáo dục',
    nameEn: 'Outreach, education and dissemination of the law',
  },
  {
    code: 'prevention',
    ordinal: 4,
    nameVi: 'Phòng ngừa tham nhũng trong cơ quan, đơn vị',
    nameEn: 'Prevention inside agencies',
  },
  {
    code: 'accountability',
    ordinal: 5,
    nameVi: 'Trách nhiệm người đứng đầu',
    nameEn: 'Accountability of heads',
  },
  {
    code: 'non_state',
    ordinal: 6,
    nameVi: 'Phòng, chống tham nhũng khu vực ngoài nhà nước',
    nameEn: 'Non-state sector',
  },
  {
    code: 'detection',
    ordinal: 7,
    nameVi: 'Phát hiện, xử lý tham nhũng, tiêu cực',
    nameEn: 'Detection and handling',
  },
  {
    code: 'citizens',
    ordinal: 8,
    nameVi: 'Phát huy vai trò của xã hội, người dân',
    nameEn: 'Participation of organisations and citizens',
  },
];
