/** Labels of the audit pages (Vietnamese, the source): a domain keeps its own messages. */
export const auditVi = {
  'ui.audit.title': 'Nhật ký hệ thống',
  'ui.audit.verify': 'Kiểm tra tính toàn vẹn',
  'ui.audit.checkpoints': 'Tải mốc kiểm tra đã ký',
  'ui.audit.intact': 'Chuỗi nhật ký toàn vẹn: đã kiểm tra {{count}} sự kiện.',
  'ui.audit.broken': 'Chuỗi nhật ký bị thay đổi tại sự kiện #{{seq}} ({{problem}}).',
  'ui.audit.at': 'Thời điểm',
  'ui.audit.actor': 'Người thực hiện',
  'ui.audit.action': 'Hành động',
  'ui.audit.entity': 'Đối tượng',
  'ui.audit.changes': 'Nội dung thay đổi',
  'ui.audit.system': 'Hệ thống',
  'ui.audit.field': 'Trường',
  'ui.audit.requestId': 'Mã yêu cầu',
  'ui.audit.before': 'Trước',
  'ui.audit.after': 'Sau',
} as const;
