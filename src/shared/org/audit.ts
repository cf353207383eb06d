import { defineAudit } from '#shared/audit/define.ts';

/** What the org module writes to the audit log, with the labels the log shows. */
export const orgAudit = defineAudit({
  stream: 'org',
  actions: {
    'unit.created': { vi: 'Tạo đơn vị', en: 'Unit created' },
    'unit.updated': { vi: 'Sửa đơn vị', en: 'Unit edited' },
    'unit.moved': { vi: 'Chuyển đơn vị cấp trên', en: 'Unit moved' },
    'unit.move_requested': { vi: 'Đề nghị chuyển đơn vị cấp trên', en: 'Unit move requested' },
    'unit.move_approved': { vi: 'Phê duyệt chuyển đơn vị', en: 'Unit move approved' },
    'unit.move_rejected': { vi: 'Từ chối chuyển đơn vị', en: 'Unit move rejected' },
    'unit.move_cancelled': { vi: 'Hủy đề nghị chuyển đơn vị', en: 'Unit move withdrawn' },
    'unit.merged': { vi: 'Sáp nhập đơn vị', en: 'Units merged' },
    'unit.split': { vi: 'Chia tách đơn vị', en: 'Unit split' },
    'unit.archived': { vi: 'Lưu trữ đơn vị', en: 'Unit archived' },
    'unit.contact_updated': {
      vi: 'Sửa thông tin liên hệ, tiếp công dân',
      en: 'Contact and reception details edited',
    },
    'position.created': { vi: 'Thêm chức vụ', en: 'Position added' },
    'position.updated': { vi: 'Sửa chức vụ', en: 'Position edited' },
  },
  entities: {
    unit: { vi: 'Đơn vị', en: 'Unit' },
    position: { vi: 'Chức vụ', en: 'Position' },
    units: { vi: 'Nhập đơn vị', en: 'Unit import' },
  },
});
