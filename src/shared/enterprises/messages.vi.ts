/** Labels of the enterprises pages (Vietnamese, the source): a domain keeps its own messages. */
export const enterprisesVi = {
  'ui.ent.title': 'Doanh nghiệp và chương trình liêm chính',
  'ui.ent.tabRegistrations': 'Đăng ký chờ duyệt',
  'ui.ent.tabMine': 'Doanh nghiệp',
  'ui.ent.asked': 'Ngày đăng ký',
  'ui.ent.taxCode': 'Mã số thuế',
  'ui.ent.commune': 'Xã, phường',
  'ui.ent.rep': 'Người đại diện',
  'ui.ent.commitment': 'Cam kết liêm chính công bố công khai',
  'ui.ent.listed': 'Công bố trên cổng thông tin (cam kết và kết quả tự đánh giá đã thẩm định)',
  'ui.ent.status.unverified': 'Chưa xác nhận thư',
  'ui.ent.status.verified': 'Chờ phê duyệt',
  'ui.ent.status.approved': 'Đã phê duyệt',
  'ui.ent.status.rejected': 'Đã từ chối',
} as const;
