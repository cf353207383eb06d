import { defineAudit } from '#shared/audit/define.ts';

/** What the plans module writes to the audit log, with the labels the log shows. */
export const plansAudit = defineAudit({
  stream: 'plans',
  actions: {
    'plan.created': { vi: 'Tạo kế hoạch', en: 'Plan created' },
    'plan.updated': { vi: 'Sửa kế hoạch', en: 'Plan edited' },
    'plan.issued': { vi: 'Ban hành kế hoạch', en: 'Plan issued' },
    'plan.cascaded': {
      vi: 'Lập kế hoạch đơn vị từ kế hoạch cấp trên',
      en: 'Unit plan drawn from the parent plan',
    },
    'plan.reopened': { vi: 'Mở lại kế hoạch để sửa', en: 'Plan reopened for editing' },
    'plan.copied': { vi: 'Sao chép kế hoạch', en: 'Plan copied' },
    'plan_item.created': { vi: 'Thêm nhiệm vụ kế hoạch', en: 'Plan task added' },
    'plan_item.updated': { vi: 'Sửa nhiệm vụ kế hoạch', en: 'Plan task edited' },
    'plan_item.deleted': { vi: 'Xóa nhiệm vụ kế hoạch', en: 'Plan task deleted' },
    'plan_item.commented': { vi: 'Góp ý nhiệm vụ kế hoạch', en: 'Plan task commented' },
    'progress.reported': { vi: 'Báo cáo tiến độ nhiệm vụ', en: 'Task progress reported' },
    'progress.accepted': { vi: 'Chấp nhận báo cáo tiến độ', en: 'Progress report accepted' },
    'progress.returned': { vi: 'Trả lại báo cáo tiến độ', en: 'Progress report returned' },
  },
  entities: {
    plan: { vi: 'Kế hoạch', en: 'Plan' },
    plan_item: { vi: 'Nhiệm vụ kế hoạch', en: 'Plan task' },
  },
});
