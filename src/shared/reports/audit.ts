import { defineAudit } from '#shared/audit/define.ts';

/** What the reports module writes to the audit log, with the labels the log shows. */
export const reportsAudit = defineAudit({
  stream: 'reports',
  actions: {
    'report.received': { vi: 'Tin báo được tiếp nhận', en: 'Report received' },
    'report.triaged': { vi: 'Tin báo được phân loại', en: 'Report classified' },
    'report.assigned': { vi: 'Giao người xử lý tin báo', en: 'Report assigned' },
    'report.forwarded': { vi: 'Tin báo được chuyển cơ quan có thẩm quyền', en: 'Report forwarded' },
    'report.merged': { vi: 'Gộp tin báo trùng', en: 'Duplicate report merged' },
    'report.message_sent': { vi: 'Gửi trao đổi cho người báo tin', en: 'Message sent to the reporter' },
    'report.note_added': { vi: 'Thêm ghi chú nội bộ', en: 'Internal note added' },
    'report.files_added': { vi: 'Thêm tệp vào tin báo', en: 'Files added to a report' },
    'report.file_read': { vi: 'Mở tệp của tin báo', en: 'Report file opened' },
    'report.task_added': { vi: 'Thêm việc cho tin báo', en: 'Report task added' },
    'report.task_updated': { vi: 'Cập nhật việc của tin báo', en: 'Report task updated' },
    'report.clock_extended': { vi: 'Gia hạn thời hạn', en: 'Clock extended' },
    'report.step_done': { vi: 'Ghi nhận đã thực hiện bước', en: 'Step recorded as done' },
    'report.closed': { vi: 'Kết thúc xử lý tin báo', en: 'Report closed' },
    'report.keys_shared': { vi: 'Chia sẻ khóa tin báo', en: 'Report keys shared' },
    'report.reporter_replied': { vi: 'Người báo tin trả lời', en: 'Reporter replied' },
    'report.content_deleted': {
      vi: 'Xóa nội dung hết thời hạn lưu trữ',
      en: 'Content deleted after retention',
    },
    'identity.requested': { vi: 'Yêu cầu xem danh tính', en: 'Identity requested' },
    'identity.approved': { vi: 'Chấp thuận xem danh tính', en: 'Identity request approved' },
    'identity.refused': { vi: 'Từ chối xem danh tính', en: 'Identity request refused' },
    'identity.viewed': { vi: 'Xem danh tính người tố cáo', en: "Reporter's identity viewed" },
  },
  entities: {
    report: { vi: 'Tin báo', en: 'Report' },
  },
});
