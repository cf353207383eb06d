import { defineAudit } from '#shared/audit/define.ts';

/** What the declarations module writes to the audit log, with the labels the log shows. */
export const declarationsAudit = defineAudit({
  stream: 'declarations',
  actions: {
    'parameter.version_created': {
      vi: 'Ban hành phiên bản mới của tham số kê khai',
      en: 'New version of a declaration parameter',
    },
    'declaration_round.opened': { vi: 'Mở đợt kê khai hằng năm', en: 'Yearly declaration round opened' },
    'declaration_roster.refreshed': {
      vi: 'Cập nhật danh sách người phải kê khai theo vị trí',
      en: 'Roster refreshed from positions',
    },
    'declaration_roster.added': { vi: 'Bổ sung người phải kê khai', en: 'Declarant added to the roster' },
    'declaration_roster.changed': { vi: 'Điều chỉnh danh sách kê khai', en: 'Roster entry changed' },
    'declaration_roster.reminded': { vi: 'Đôn đốc kê khai bằng văn bản', en: 'Written reminder recorded' },
    'declaration_roster.sent': {
      vi: 'Gửi danh sách người phải kê khai cho cơ quan kiểm soát',
      en: 'Roster sent to the control agency',
    },
    'declaration.started': { vi: 'Bắt đầu bản kê khai', en: 'Declaration started' },
    'declaration.saved': { vi: 'Lưu bản kê khai', en: 'Declaration saved' },
    'declaration.submitted': { vi: 'Nộp bản kê khai', en: 'Declaration submitted' },
    'declaration.resubmitted': {
      vi: 'Nộp lại bản kê khai đã bổ sung',
      en: 'Corrected declaration submitted',
    },
    'declaration.viewed': { vi: 'Xem nội dung bản kê khai', en: 'Declaration content read' },
    'declaration.returned': {
      vi: 'Trả lại bản kê khai để bổ sung',
      en: 'Declaration returned for correction',
    },
    'declaration.accepted': { vi: 'Tiếp nhận bản kê khai', en: 'Declaration accepted' },
    'declaration.handed_over': {
      vi: 'Bàn giao bản kê khai cho cơ quan kiểm soát',
      en: 'Declaration handed over to the control agency',
    },
    'declaration.acknowledged': {
      vi: 'Cơ quan kiểm soát xác nhận đã nhận bản kê khai',
      en: 'Hand-over acknowledged by the control agency',
    },
  },
  entities: {
    declaration_parameter: { vi: 'Tham số kê khai tài sản', en: 'Declaration parameter' },
    declaration_round: { vi: 'Đợt kê khai', en: 'Declaration round' },
    declaration_roster: { vi: 'Danh sách người phải kê khai', en: 'Declarant roster' },
    declaration: { vi: 'Bản kê khai tài sản, thu nhập', en: 'Asset and income declaration' },
  },
});
