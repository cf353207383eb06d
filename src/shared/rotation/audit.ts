import { defineAudit } from '#shared/audit/define.ts';

/** What the job-rotation register writes to the audit log (issue 20). */
export const rotationAudit = defineAudit({
  stream: 'rotation',
  actions: {
    'rotation.assigned': { vi: 'Ghi nhận vị trí phải chuyển đổi', en: 'Rotation position recorded' },
    'rotation.corrected': { vi: 'Đính chính vị trí phải chuyển đổi', en: 'Rotation position corrected' },
    'rotation.deferred': { vi: 'Ghi nhận lý do chưa chuyển đổi', en: 'Rotation deferred' },
    'rotation.ended': { vi: 'Kết thúc vị trí công tác', en: 'Assignment ended' },
    'rotation.plan_created': { vi: 'Lập kế hoạch chuyển đổi vị trí', en: 'Rotation plan drafted' },
    'rotation.plan_item_added': { vi: 'Thêm người vào kế hoạch chuyển đổi', en: 'Person added to the plan' },
    'rotation.plan_updated': { vi: 'Sửa dự thảo kế hoạch chuyển đổi', en: 'Rotation plan draft edited' },
    'rotation.plan_item_changed': {
      vi: 'Sửa thời gian, vị trí chuyển đến trong kế hoạch',
      en: 'Planned rotation changed',
    },
    'rotation.plan_item_removed': {
      vi: 'Bỏ người khỏi kế hoạch chuyển đổi',
      en: 'Person taken off the plan',
    },
    'rotation.period_set': {
      vi: 'Đặt thời hạn định kỳ chuyển đổi của vị trí',
      en: 'Rotation period of a position set',
    },
    'rotation.plan_issued': { vi: 'Ban hành kế hoạch chuyển đổi', en: 'Rotation plan issued' },
    'rotation.plan_published': { vi: 'Công khai kế hoạch chuyển đổi', en: 'Rotation plan published' },
    'rotation.plan_item_recorded': { vi: 'Ghi nhận thực hiện chuyển đổi', en: 'Rotation carried out or not' },
  },
  entities: {
    rotation_assignment: { vi: 'Vị trí phải chuyển đổi', en: 'Rotation assignment' },
    rotation_plan: { vi: 'Kế hoạch chuyển đổi vị trí', en: 'Rotation plan' },
    rotation_position: { vi: 'Danh mục vị trí phải chuyển đổi', en: 'Position subject to rotation' },
  },
});
