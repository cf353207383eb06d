import { assessmentsVi } from '#shared/assessments/messages.vi.ts';
import { auditVi } from '#shared/audit/messages.vi.ts';
import { authVi } from '#shared/auth/messages.vi.ts';
import { casesVi } from '#shared/cases/messages.vi.ts';
import { clocksVi } from '#shared/clocks/messages.vi.ts';
import { declarationsVi } from '#shared/declarations/messages.vi.ts';
import { departuresVi } from '#shared/departures/messages.vi.ts';
import { enterprisesVi } from '#shared/enterprises/messages.vi.ts';
import { importsVi } from '#shared/imports/messages.vi.ts';
import { inspectionsVi } from '#shared/inspections/messages.vi.ts';
import { integrityVi } from '#shared/integrity/messages.vi.ts';
import { orgVi } from '#shared/org/messages.vi.ts';
import { outreachVi } from '#shared/outreach/messages.vi.ts';
import { plansVi } from '#shared/plans/messages.vi.ts';
import { regulationsVi } from '#shared/regulations/messages.vi.ts';
import { reportsVi } from '#shared/reports/messages.vi.ts';
import { risksVi } from '#shared/risks/messages.vi.ts';
import { rotationVi } from '#shared/rotation/messages.vi.ts';
import { selfInspectionVi } from '#shared/selfinspection/messages.vi.ts';
import { usersVi } from '#shared/users/messages.vi.ts';

/**
 * Labels of the staff application (Vietnamese, the source): what every page shares here, each domain's
 * own labels in `shared/<domain>/messages.vi.ts` (ADR 0018's checklist).
 */
export const uiVi = {
  'ui.app.name': 'Liêm',
  'ui.app.tagline': 'Phòng, chống tham nhũng, tiêu cực',
  'ui.common.save': 'Lưu',
  'ui.common.cancel': 'Hủy',
  'ui.common.create': 'Thêm mới',
  'ui.common.edit': 'Sửa',
  'ui.common.delete': 'Xóa',
  'ui.common.search': 'Tìm kiếm',
  'ui.common.filterByUnit': 'Lọc theo đơn vị (gõ tên hoặc mã)',
  'ui.common.searchPlaceholder': 'Tìm theo tên, mã… (không cần dấu)',
  'ui.common.filter': 'Lọc',
  'ui.common.all': 'Tất cả',
  'ui.common.actions': 'Thao tác',
  'ui.common.close': 'Đóng',
  'ui.common.confirm': 'Xác nhận',
  'ui.common.yes': 'Có',
  'ui.common.no': 'Không',
  'ui.common.back': 'Quay lại',
  'ui.common.next': 'Tiếp tục',
  'ui.common.columns': 'Cột hiển thị',
  'ui.common.filters': 'Bộ lọc',
  'ui.common.exportXlsx': 'Xuất Excel',
  'ui.common.noMatch': 'Không có kết quả phù hợp với bộ lọc.',
  'ui.common.empty': 'Chưa có dữ liệu',
  'ui.common.loading': 'Đang tải…',
  'ui.common.retry': 'Thử lại',
  'ui.common.errorTitle': 'Không tải được dữ liệu',
  'ui.common.requestId': 'Mã yêu cầu: {{id}}',
  'ui.common.networkError': 'Không kết nối được máy chủ. Dữ liệu bạn nhập vẫn được giữ nguyên; hãy thử lại.',
  'ui.common.saved': 'Đã lưu',
  'ui.common.total': 'Tổng {{total}} dòng',
  'ui.common.details': 'Chi tiết',
  'ui.common.status': 'Trạng thái',
  'ui.common.name': 'Tên',
  'ui.common.code': 'Mã',
  'ui.common.unit': 'Đơn vị',
  'ui.common.date': 'Ngày',
  'ui.common.from': 'Từ ngày',
  'ui.common.to': 'Đến ngày',
  'ui.common.notFound': 'Không tìm thấy trang này.',
  'ui.common.backHome': 'Về trang Việc cần làm',
  'ui.common.home': 'Trang chủ',

  'ui.shell.menu': 'Danh mục chức năng',
  'ui.shell.language': 'Ngôn ngữ',
  'ui.shell.currentUnit': 'Đơn vị làm việc',
  'ui.shell.skip': 'Bỏ qua đến nội dung chính',
  'ui.group.leadership': 'Lãnh đạo, chỉ đạo',
  'ui.group.regulations': 'Thể chế',
  'ui.group.propaganda': 'Tuyên truyền',
  'ui.group.prevention': 'Phòng ngừa',
  'ui.group.accountability': 'Trách nhiệm người đứng đầu',
  'ui.group.nonState': 'Khu vực ngoài nhà nước',
  'ui.group.detection': 'Phát hiện, xử lý',
  'ui.group.citizens': 'Người dân tham gia',
  'ui.group.admin': 'Quản trị',
  'ui.nav.home': 'Việc cần làm',
  'ui.nav.units': 'Cơ cấu tổ chức',
  'ui.nav.users': 'Người dùng',
  'ui.nav.grants': 'Phân quyền chờ duyệt',
  'ui.home.vouchCodes':
    'Vai trò của bạn đang chờ đồng nghiệp xác nhận. Hãy gặp trực tiếp người xác nhận và đọc cho họ mã dưới đây; đừng gửi mã qua thư hay tin nhắn.',
  'ui.home.setOwnPassword':
    'Vai trò của bạn chỉ được xác nhận sau khi bạn tự đặt mật khẩu qua liên kết gửi tới e-mail của bạn (quản trị viên có thể đã biết mật khẩu hiện tại).',
  'ui.home.keysLocked':
    'Khóa tin báo của bạn đang bị khóa (mật khẩu đã được đặt lại): bạn chưa xem hay xử lý được tin báo nào cho đến khi mở lại khóa bằng khóa khôi phục ở trang Khóa bảo mật.',
  'ui.home.awaitingKeys':
    'Vai trò {{roles}} của bạn đang chờ một đồng nghiệp giữ khóa của đơn vị kích hoạt khóa tin báo (bốn mắt). Đến lúc đó bạn chưa xem hay xử lý được tin báo nào; hãy báo cho người giữ khóa.',
  'ui.nav.audit': 'Nhật ký hệ thống',
  'ui.nav.clocks': 'Lịch và thời hạn',

  'ui.home.title': 'Việc cần làm',
  'ui.home.greeting': 'Xin chào, {{name}}',
  'ui.home.deadlines': 'Việc có thời hạn',
  'ui.home.noDeadlines':
    'Bạn không có việc nào đang chờ. Nhiệm vụ kế hoạch, tự đánh giá, tin báo và yêu cầu cần bạn quyết định sẽ hiện ở đây.',
  'ui.home.moreDeadlines': 'Còn {{n}} việc khác.',
  'ui.home.calendarUnknown': 'chưa có lịch nghỉ lễ năm {{year}}, ngày có thể thay đổi',
  'ui.home.notifications': 'Thông báo',
  'ui.home.noNotifications': 'Không có thông báo mới.',
  'ui.home.markAllRead': 'Đánh dấu đã đọc tất cả',
  'ui.home.activity': 'Hoạt động gần đây trong phạm vi của bạn',
  'ui.home.noActivity': 'Chưa có hoạt động nào.',
  'ui.home.roles': 'Vai trò của bạn',
  'ui.status.active': 'Đang hoạt động',
  'ui.status.dissolved': 'Đã giải thể',
  'ui.status.archived': 'Lưu trữ',
  'ui.status.disabled': 'Vô hiệu hóa',
  'clockEvent.campaign_opened': 'ngày mở đợt đánh giá',
  'clockEvent.classified': 'ngày phân loại tin báo',
  'clockEvent.province_plan_issued': 'ngày ban hành kế hoạch của tỉnh',
  'clockEvent.received': 'ngày tiếp nhận',
  'clockEvent.accepted': 'ngày thụ lý',
  'clockEvent.concluded': 'ngày kết luận',
  'clockEvent.repeat_received': 'ngày nhận tố cáo tiếp',
  'clockEvent.took_position': 'ngày nhận nhiệm vụ',
  'clockEvent.posted': 'ngày niêm yết',
  'clockEvent.verification_decided': 'ngày quyết định xác minh',
  'clockEvent.report_received': 'ngày nhận báo cáo xác minh',
  'clockEvent.assigned': 'nhận nhiệm vụ, được bổ nhiệm',
  'clockEvent.returned': 'bản kê khai bị trả lại',
  'clockEvent.handed_over': 'bàn giao bản kê khai',
  'clockEvent.requested': 'nhận yêu cầu',
  'clockEvent.ground_known': 'biết căn cứ xác minh',
  'clockEvent.decided': 'quyết định xác minh',
  'clockEvent.reported': 'báo cáo kết quả xác minh',
  'clockEvent.plan_issued': 'ban hành kế hoạch xác minh',
  'clockEvent.known': 'ngày biết có xung đột lợi ích',
  'clockEvent.results_received': 'ngày nhận báo cáo kết quả thanh tra',
  'clockEvent.draft_received': 'ngày nhận dự thảo kết luận',
  'clockEvent.conclusion_received': 'ngày nhận kết luận thanh tra',
  'clockEvent.on_site_started': 'ngày bắt đầu thanh tra trực tiếp',
  'clockEvent.issued': 'ngày ban hành kiến nghị',
  'ui.nav.plans': 'Kế hoạch PCTNTC',
  'ui.nav.reports': 'Tin báo, tố cáo',
  'ui.nav.identityRequests': 'Yêu cầu xem danh tính',
  'ui.nav.keys': 'Khóa bảo mật',
  'ui.common.totalMore': 'Hơn {{total}} dòng — hãy lọc thêm',
  'ui.nav.assessments': 'Đánh giá, chấm điểm PCTN',
  'ui.nav.frameworks': 'Bộ tiêu chí đánh giá',
  'ui.nav.declarations': 'Kê khai tài sản, thu nhập',
  'ui.nav.enterprises': 'Doanh nghiệp',
  ...declarationsVi,
  ...reportsVi,
  ...assessmentsVi,
  ...plansVi,
  ...clocksVi,
  ...orgVi,
  ...usersVi,
  ...enterprisesVi,
  ...importsVi,
  ...inspectionsVi,
  ...casesVi,
  ...integrityVi,
  ...rotationVi,
  ...outreachVi,
  ...regulationsVi,
  ...departuresVi,
  ...selfInspectionVi,
  ...risksVi,
  ...auditVi,
  ...authVi,
} as const;
