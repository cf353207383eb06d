import { defineAudit } from '#shared/audit/define.ts';

/** What the gift and conflict-of-interest registers write to the audit log (issue 20). */
export const integrityAudit = defineAudit({
  stream: 'integrity',
  actions: {
    'gift.reported': { vi: 'Báo cáo quà tặng', en: 'Gift reported' },
    'gift.corrected': { vi: 'Đính chính báo cáo quà tặng', en: 'Gift report corrected' },
    'gift.hand_over': { vi: 'Nộp lại quà tặng', en: 'Gift handed over' },
    'gift.handle': { vi: 'Xử lý quà tặng', en: 'Gift handled' },
    'gift.remit': { vi: 'Nộp tiền bán quà tặng vào ngân sách', en: 'Gift proceeds paid into the budget' },
    'gift.notify': { vi: 'Thông báo cơ quan quản lý người tặng quà', en: "Giver's managing body notified" },
    'gift.publish': { vi: 'Công khai (hoặc thôi công khai) quà tặng', en: 'Gift published or unpublished' },
    'gift.imported': { vi: 'Nhập sổ quà tặng từ bảng tính', en: 'Gift register imported' },
    'conflict.reported': { vi: 'Báo cáo xung đột lợi ích', en: 'Conflict of interest reported' },
    'conflict.corrected': { vi: 'Đính chính báo cáo xung đột lợi ích', en: 'Conflict report corrected' },
    'conflict.decide': { vi: 'Quyết định biện pháp kiểm soát xung đột lợi ích', en: 'Measure decided' },
    'conflict.notify': { vi: 'Thông báo quyết định xử lý xung đột lợi ích', en: 'Decision notified' },
    'conflict.supervision_report': { vi: 'Báo cáo giám sát', en: 'Supervision report' },
    'conflict.end': { vi: 'Kết thúc, hủy bỏ biện pháp', en: 'Measure ended' },
    'conflict.publish': { vi: 'Công khai quyết định hủy bỏ', en: 'Cancellation published' },
  },
  entities: {
    gift: { vi: 'Quà tặng', en: 'Gift' },
    conflict: { vi: 'Xung đột lợi ích', en: 'Conflict of interest' },
  },
});
