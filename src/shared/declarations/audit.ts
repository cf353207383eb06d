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
    'declaration.entered_from_paper': {
      vi: 'Nhập bản kê khai giấy',
      en: 'Paper declaration entered',
    },
    'declaration.saved': { vi: 'Lưu bản kê khai', en: 'Declaration saved' },
    'declaration.submitted': { vi: 'Nộp bản kê khai', en: 'Declaration submitted' },
    'declaration.resubmitted': {
      vi: 'Nộp lại bản kê khai đã bổ sung',
      en: 'Corrected declaration submitted',
    },
    'declaration.viewed': { vi: 'Xem nội dung bản kê khai', en: 'Declaration content read' },
    'verification_request.sent': {
      vi: 'Yêu cầu cung cấp thông tin, giải trình phục vụ xác minh',
      en: 'Verification request sent',
    },
    'verification_request.answered': {
      vi: 'Ghi nhận thông tin, giải trình nhận được',
      en: 'Verification request answered',
    },
    'declaration.signed_uploaded': {
      vi: 'Tải lên bản kê khai đã ký',
      en: 'Signed declaration uploaded',
    },
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
    'verification_plan.created': {
      vi: 'Lập kế hoạch xác minh hằng năm',
      en: 'Yearly verification plan created',
    },
    'verification_plan.candidate_changed': {
      vi: 'Điều chỉnh danh sách được bốc thăm (loại trừ có lý do)',
      en: 'Lottery candidate excluded or put back',
    },
    'verification_plan.committed': {
      vi: 'Chốt dữ liệu đầu vào bốc thăm (công bố mã cam kết)',
      en: 'Lottery inputs committed (commitment published)',
    },
    'verification_plan.drawn': { vi: 'Bốc thăm xác minh công khai', en: 'Public verification lottery drawn' },
    'verification_case.opened': { vi: 'Mở hồ sơ xác minh tài sản, thu nhập', en: 'Verification opened' },
    'verification_case.decide': {
      vi: 'Quyết định xác minh, thành lập tổ xác minh',
      en: 'Verification decided, team set up',
    },
    'verification_case.extend_report': {
      vi: 'Gia hạn báo cáo kết quả xác minh',
      en: 'Verification report extended',
    },
    'verification_case.report': { vi: 'Báo cáo kết quả xác minh', en: 'Verification reported' },
    'verification_case.extend_conclusion': {
      vi: 'Gia hạn kết luận xác minh',
      en: 'Verification conclusion extended',
    },
    'verification_case.conclude': { vi: 'Kết luận xác minh', en: 'Verification concluded' },
    'verification_plan.deleted': {
      vi: 'Hủy kế hoạch xác minh còn là dự thảo',
      en: 'Draft verification plan withdrawn',
    },
    'verification_case.document': {
      vi: 'Tạo văn bản của hồ sơ xác minh (quyết định, kết luận)',
      en: 'Verification document made (decision, conclusion)',
    },
    'verification_case.sanction': {
      vi: 'Ghi nhận quyết định xử lý người kê khai không trung thực',
      en: 'Sanction decided on a dishonest declaration',
    },
    'verification_case.publish': {
      vi: 'Công khai kết luận xác minh',
      en: 'Verification conclusion published',
    },
    'declaration_publication.created': {
      vi: 'Công khai bản kê khai tại nơi làm việc',
      en: 'Declarations published at the workplace',
    },
    'risk_rule.changed': { vi: 'Điều chỉnh quy tắc đánh giá rủi ro', en: 'Risk rule changed' },
    'declaration_risk.ranked': { vi: 'Xếp hạng rủi ro bản kê khai', en: 'Declarations ranked by risk' },
  },
  entities: {
    declaration_parameter: { vi: 'Tham số kê khai tài sản', en: 'Declaration parameter' },
    declaration_round: { vi: 'Đợt kê khai', en: 'Declaration round' },
    declaration_roster: { vi: 'Danh sách người phải kê khai', en: 'Declarant roster' },
    declaration: { vi: 'Bản kê khai tài sản, thu nhập', en: 'Asset and income declaration' },
    verification_plan: { vi: 'Kế hoạch xác minh', en: 'Verification plan' },
    verification_case: { vi: 'Hồ sơ xác minh', en: 'Verification' },
    risk_rule: { vi: 'Quy tắc rủi ro', en: 'Risk rule' },
    declaration_publication: { vi: 'Đợt công khai bản kê khai', en: 'Publication of declarations' },
  },
});
