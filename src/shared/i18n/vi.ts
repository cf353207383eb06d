import { uiVi } from './ui.vi.ts';

/** Vietnamese is the source dictionary: every key starts here. Interpolation uses {{name}}. */
export const vi = {
  'error.bad_request': 'Yêu cầu không hợp lệ.',
  'error.validation': 'Dữ liệu chưa hợp lệ, vui lòng kiểm tra các trường được đánh dấu.',
  'error.import_invalid':
    'Tệp nhập có lỗi; chưa có dữ liệu nào được ghi. Hãy sửa các dòng được liệt kê rồi nhập lại.',
  'error.plan_not_draft': 'Kế hoạch đã ban hành: hãy mở lại để sửa đổi (sẽ ban hành thành phiên bản mới).',
  'error.plan_not_issued': 'Kế hoạch chưa ban hành nên chưa thể báo cáo tiến độ.',
  'error.owner_password_pending':
    'Chủ tài khoản chưa tự đặt mật khẩu qua liên kết gửi tới e-mail của họ, nên có thể một quản trị viên vẫn biết mật khẩu: chưa thể kích hoạt khóa hay phê duyệt vai trò. Hãy gửi liên kết đặt mật khẩu cho họ.',
  'error.keys_locked':
    'Khóa giải mã tin báo của bạn đang bị khóa trong phiên này (ví dụ sau khi đặt lại mật khẩu). Hãy khôi phục bằng khóa khôi phục tại trang Khóa bảo mật.',
  'error.report_key_missing':
    'Tin báo này chưa được chia sẻ cho khóa của bạn. Hãy nhờ một cán bộ tiếp nhận khác đang đọc được tin báo bấm "Chia sẻ khóa".',
  'error.assessment_submitted': 'Bản tự đánh giá đã nộp, không thể sửa (trừ khi bị trả lại).',
  'field.assessments_pending': 'Còn {{n}} bản đánh giá chưa hoàn tất thẩm định.',
  'field.not_finalised': 'Chỉ công bố được đợt đánh giá đã hoàn tất.',
  'field.self_score_missing': 'Chưa chấm điểm tiêu chí này.',
  'field.evidence_required': 'Tiêu chí này cần tài liệu kiểm chứng.',
  'field.review_required': 'Chưa thẩm định tiêu chí này.',
  'field.review_reason_required': 'Điểm thẩm định khác điểm tự chấm: cần ghi lý do điều chỉnh.',
  'field.review_own_unit': 'Không được thẩm định đơn vị của chính mình.',
  'error.framework_draft_open':
    'Bộ tiêu chí này đang có một phiên bản dự thảo; hãy sửa và ban hành (hoặc xóa) dự thảo đó trước.',
  'error.framework_published': 'Phiên bản bộ tiêu chí đã ban hành không được sửa; hãy tạo phiên bản mới.',
  'field.parent_first': 'Tiêu chí cha {{parent}} phải đứng trước.',
  'field.part_sum': 'Tổng điểm các tiêu chí con ({{sum}}) khác điểm của phần ({{own}}).',
  'error.report_closed': 'Tin báo đã kết thúc xử lý, không thể thay đổi.',
  'error.record_final':
    'Hồ sơ đã qua bước xử lý nên không còn sửa được; ghi điều cần đính chính vào bước tiếp theo.',
  'error.no_recipients': 'Đơn vị này chưa có cán bộ tiếp nhận có thể nhận tin báo bảo mật.',
  'field.deadline_before_year': 'Thời hạn không được trước năm của kế hoạch.',
  'field.unit_not_in_plan_scope': 'Đơn vị không thuộc phạm vi của kế hoạch.',
  'field.no_reporting_regime': 'Chưa có chế độ báo cáo nào áp dụng cho năm {{year}} trên Liêm.',
  'field.period_not_in_year': 'Kỳ báo cáo không thuộc năm của kế hoạch.',
  'field.comment_required': 'Cần ghi rõ lý do trả lại.',
  'notification.plan_cascaded':
    '{{plan}} đã ban hành: đơn vị {{unit}} cần ban hành kế hoạch của mình trước ngày {{due}}.',
  'notification.progress_returned': 'Báo cáo tiến độ "{{item}}" kỳ {{period}} bị trả lại: {{comment}}',
  'mail.notification.subject': '[Liêm] {{short}}',
  'mail.notification.body': '{{message}}\n\n{{link}}',
  'notification.deadline_due_soon': '{{kind}}: "{{title}}" ({{unit}}) đến hạn ngày {{due}}.',
  'notification.deadline_overdue': '{{kind}}: "{{title}}" ({{unit}}) đã quá hạn (hạn {{due}}).',
  'notification.declaration_entered':
    'Bản kê khai giấy năm {{year}} của bạn đã được đơn vị nhập vào Liêm: hãy xem lại nội dung.',
  'notification.declaration_returned':
    'Bản kê khai năm {{year}} của bạn được trả lại để bổ sung; hạn hoàn thành {{due}}.',
  'notification.verification_explanation':
    'Đoàn xác minh tài sản, thu nhập đề nghị bạn giải trình bằng văn bản, hạn đến ngày {{due}}.',
  'notification.verification_concluded':
    'Đã có kết luận xác minh tài sản, thu nhập của bạn (ngày {{on}}); cơ quan kiểm soát sẽ gửi văn bản kết luận.',
  'notification.report_received': 'Có tin báo mới số {{number}}.',
  'notification.report_assigned': 'Bạn được giao xử lý tin báo số {{number}}.',
  'notification.report_forwarded': 'Tin báo số {{number}} được chuyển đến đơn vị bạn.',
  'notification.report_task': 'Bạn có việc cần làm trong tin báo số {{number}}.',
  'notification.report_outcome': 'Tin báo số {{number}} (đơn vị bạn đã chuyển đi) đã có kết quả xử lý.',
  'notification.report_reply': 'Người báo tin đã trả lời trong tin báo số {{number}}.',
  'notification.identity_requested': 'Có yêu cầu xem danh tính người tố cáo (tin báo số {{number}}).',
  'notification.identity_approved': 'Yêu cầu xem danh tính (tin báo số {{number}}) đã được chấp thuận.',
  'notification.identity_refused': 'Yêu cầu xem danh tính (tin báo số {{number}}) bị từ chối.',
  'field.triage_first': 'Cần phân loại tin báo trước khi kết thúc.',
  'field.reason_short': 'Lý do cần rõ ràng (ít nhất 20 ký tự).',
  'field.id_number': 'Số định danh cá nhân (trên thẻ căn cước) gồm 12 chữ số.',
  'field.phone': 'Số điện thoại không hợp lệ.',
  'reportStatus.received': 'Đã tiếp nhận',
  'reportStatus.in_progress': 'Đang xử lý',
  'reportStatus.closed': 'Đã kết thúc',
  'reportKind.unclassified': 'Chưa phân loại',
  'reportKind.anonymous_information': 'Thông tin nặc danh (dùng để thanh tra, kiểm tra)',
  'reportKind.denunciation': 'Tố cáo',
  'reportKind.complaint': 'Khiếu nại',
  'reportKind.petition': 'Kiến nghị, phản ánh',
  'reportKind.out_of_scope': 'Không thuộc thẩm quyền',
  'reportOutcome.substantiated': 'Tố cáo/phản ánh đúng',
  'reportOutcome.partly_substantiated': 'Đúng một phần',
  'reportOutcome.not_substantiated': 'Không đúng',
  'reportOutcome.merged': 'Gộp với tin báo trùng',
  'reportOutcome.out_of_scope': 'Không thuộc thẩm quyền — đã hướng dẫn',
  'notification.item_comment': 'Có trao đổi mới về nhiệm vụ "{{item}}".',
  'error.unauthenticated': 'Vui lòng đăng nhập.',
  'error.invalid_credentials': 'Tên đăng nhập hoặc mật khẩu không đúng.',
  'error.invalid_totp': 'Mã xác thực không đúng hoặc đã hết hạn.',
  'error.totp_used':
    'Mã này đã được dùng để đăng nhập. Hãy chờ mã tiếp theo trong ứng dụng xác thực (khoảng 30 giây).',
  'error.session_expired': 'Phiên làm việc đã hết hạn, vui lòng đăng nhập lại.',
  'error.forbidden': 'Bạn không có quyền thực hiện thao tác này.',
  'error.csrf': 'Yêu cầu thiếu mã chống giả mạo (CSRF). Vui lòng tải lại trang.',
  'error.stage_required': 'Cần hoàn tất bước đăng nhập: {{stage}}.',
  'error.separation_of_duties':
    'Tách bạch nhiệm vụ: không ai tự phê duyệt yêu cầu của mình hoặc quyết định việc của chính mình.',
  'error.account_disabled': 'Tài khoản đã bị vô hiệu hóa. Vui lòng liên hệ quản trị viên.',
  'error.not_found': 'Không tìm thấy dữ liệu.',
  'error.conflict': 'Dữ liệu đã thay đổi hoặc bị trùng, vui lòng kiểm tra lại.',
  'error.payload_too_large': 'Dữ liệu gửi lên vượt quá dung lượng cho phép.',
  'error.unsupported_file_type': 'Loại tệp không được chấp nhận.',
  'error.locked_out': 'Tài khoản tạm khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau {{minutes}} phút.',
  'error.rate_limited': 'Bạn thao tác quá nhanh. Vui lòng thử lại sau ít phút.',
  'error.internal': 'Đã có lỗi hệ thống. Vui lòng thử lại hoặc báo quản trị viên kèm mã yêu cầu.',
  'error.unavailable': 'Hệ thống tạm thời không sẵn sàng.',

  'field.tax_code': 'Mã số thuế gồm 10 chữ số, hoặc 10 chữ số và 3 chữ số chi nhánh (0123456789-001).',
  'field.tax_code_taken': 'Doanh nghiệp có mã số thuế này đã được đăng ký.',
  'field.registration_pending': 'Đã có yêu cầu đăng ký đang chờ xử lý cho mã số thuế này.',
  'field.code_wrong': 'Mã xác nhận không đúng.',
  'field.code_expired': 'Mã xác nhận đã hết hạn hoặc đã nhập sai quá nhiều lần; hãy đăng ký lại.',
  'notification.enterprise_registration': 'Doanh nghiệp {{name}} đăng ký tham gia, chờ phê duyệt.',
  'mail.enterprise_code.subject': 'Mã xác nhận đăng ký doanh nghiệp trên Liêm',
  'mail.enterprise_code.body':
    'Chào {{name}},\n\nMã xác nhận của bạn là {{code}} (có hiệu lực {{minutes}} phút). Nhập mã này trên trang đăng ký để hoàn tất.\n\nNếu bạn không yêu cầu, hãy bỏ qua thư này.',
  'mail.enterprise_rejected.subject': 'Yêu cầu đăng ký doanh nghiệp chưa được chấp thuận',
  'mail.enterprise_rejected.body':
    'Chào {{name}},\n\nYêu cầu đăng ký của doanh nghiệp chưa được chấp thuận: {{reason}}',
  'field.name_with_contact':
    'Bạn đã để lại thông tin liên hệ: hãy ghi họ và tên, hoặc xóa thông tin liên hệ để gửi ẩn danh.',
  'field.decl_required': 'Mục {{section}}: trường này là bắt buộc.',
  'field.decl_required_item': 'Mục {{section}}, dòng {{item}}: trường này là bắt buộc.',
  'field.decl_number': 'Mục {{section}}, dòng {{item}}: cần một số.',
  'field.decl_choice': 'Mục {{section}}, dòng {{item}}: giá trị không thuộc danh mục của mẫu.',
  'field.decl_no_currency': 'Mục {{section}}, dòng {{item}}: nhóm tài sản này ghi bằng đồng Việt Nam.',
  'field.decl_rate_missing':
    'Mục {{section}}, dòng {{item}}: số tiền ngoại tệ cần tỷ giá quy đổi ra đồng Việt Nam.',
  'field.decl_value_missing':
    'Mục {{section}}, dòng {{item}}: ghi giá trị, hoặc ghi lý do "không xác định được giá trị".',
  'field.decl_value_zero':
    'Mục {{section}}, dòng {{item}}: giá trị bằng 0; ghi giá trị của tài sản, hoặc lý do "không xác định được giá trị".',
  'field.decl_income_zero':
    'Mục {{section}}, dòng {{item}}: khoản thu nhập phải lớn hơn 0 (xóa dòng nếu không có).',
  'field.decl_negative': 'Giá trị không được âm.',
  'field.decl_no_spouse':
    'Mục {{section}}, dòng {{item}}: bản kê khai chưa có thông tin vợ hoặc chồng (mục I.2).',
  'field.decl_no_child': 'Mục {{section}}, dòng {{item}}: bản kê khai chưa có con chưa thành niên (mục I.3).',
  'field.decl_explain':
    'Mục {{section}}: tài sản tăng thêm từ ngưỡng phải giải trình; cần giải trình nguồn gốc.',
  'field.round_exists': 'Đợt kê khai của năm này đã được mở cho đơn vị.',
  'field.already_on_roster': 'Người này đã có trong danh sách kê khai của đợt.',
  'field.reminder_not_needed':
    'Người này đã nộp bản kê khai hoặc không còn trong danh sách; không cần đôn đốc.',
  'field.reminders_done': 'Đã ghi nhận đủ hai lần đôn đốc bằng văn bản.',
  'field.sanction_honest': 'Bản kê khai được kết luận trung thực: không có quyết định xử lý.',
  'field.sanction_done': 'Quyết định xử lý đã được ghi nhận.',
  'field.decl_value_too_large':
    'Giá trị quy đổi ra đồng vượt quá 1 triệu tỷ đồng; kiểm tra lại số tiền và tỷ giá.',
  'field.not_on_roster':
    'Bạn không có trong danh sách phải kê khai hằng năm của năm này; liên hệ cán bộ tổ chức của đơn vị.',
  'field.first_time_done': 'Bạn đã có bản kê khai trước đây; kê khai lần đầu không áp dụng.',
  'field.no_previous': 'Kê khai bổ sung cần có bản kê khai trước đó.',
  'field.declaration_not_ready': 'Bản kê khai {{id}} không ở trạng thái cho phép thao tác này.',
  'field.plan_exists': 'Đơn vị đã có kế hoạch xác minh cho năm này.',
  'field.no_round': 'Chưa có đợt kê khai hằng năm của năm trước để lấy danh sách người được bốc thăm.',
  'field.exclusion_automatic':
    'Lý do loại trừ này do hệ thống xác định (không có bản kê khai, đã được xác minh trong 4 năm), không sửa được.',
  'field.no_candidates': 'Không còn ai trong danh sách để bốc thăm.',
  'field.plan_empty': 'Kế hoạch chưa có cuộc thanh tra nào.',
  'field.plan_change_reason': 'Kế hoạch đã phê duyệt: điều chỉnh kế hoạch cần ghi lý do.',
  'field.legal_ground_required': 'Cuộc thanh tra ngoài kế hoạch cần ghi căn cứ pháp lý.',
  'field.vnd': 'Nhập số tiền bằng đồng: số nguyên, không âm, không có phần lẻ.',
  'field.vnd_too_large': 'Số tiền quá lớn (tối đa 10^15 đồng).',
  'field.step_not_now': 'Bước này chưa thể ghi nhận ở giai đoạn hiện tại.',
  'field.costs_above_proceeds': 'Chi phí không được lớn hơn số tiền bán được.',
  'field.remit_amount': 'Số tiền nộp ngân sách phải bằng tiền bán trừ chi phí: {{amount}} đồng.',
  'field.self_report_is_own': 'Tự báo cáo là báo cáo xung đột lợi ích của chính mình.',
  'field.own_conflict_is_self': 'Xung đột lợi ích của chính mình thì chọn “Tự báo cáo”.',
  'field.reported_on_paper_only': 'Chỉ ghi ngày báo cáo khác hôm nay khi nhập báo cáo giấy của người khác.',
  'field.assignment_open': 'Người này đang giữ một vị trí phải chuyển đổi; kết thúc vị trí đó trước.',
  'field.assignment_ended': 'Vị trí này đã kết thúc.',
  'field.rotation_plan_exists': 'Đơn vị đã có kế hoạch chuyển đổi vị trí công tác cho năm này.',
  'field.plan_not_draft': 'Kế hoạch đã ban hành: không thêm người được nữa.',
  'field.plan_not_issued': 'Ban hành kế hoạch trước khi ghi nhận thực hiện.',
  'field.date_by_unit':
    'Ngày này quyết định thời hạn của chính báo cáo: đề nghị đơn vị (người xử lý) sửa, không tự sửa được.',
  'field.person_name':
    'Họ tên chỉ gồm chữ cái tiếng Việt (không dùng chữ của bảng chữ cái khác hay ký tự ẩn).',
  'field.already_on_plan': 'Người này đã có trong kế hoạch: sửa dòng của họ thay vì thêm lần nữa.',
  'field.negative': 'Không được là số âm.',
  'field.whole_number': 'Nhập một số nguyên, ví dụ 1.250.000.',
  'field.counted_from_list':
    'Số này được đếm từ danh sách người tham dự đã nhập; sửa danh sách thay vì gõ số.',
  'field.trained_above_participants': 'Số cán bộ được tập huấn không được lớn hơn số người tham dự.',
  'field.proposal_without_gap': 'Văn bản phù hợp thì không có kiến nghị sửa đổi.',
  'field.proposal_settled': 'Kiến nghị đã có kết quả: không sửa nội dung kiến nghị nữa.',
  'field.scale': 'Chọn mức từ 1 đến 5.',
  'field.review_in_future': 'Hẹn ngày rà soát lần sau (sau hôm nay).',
  'field.not_the_head': 'Chỉ thủ trưởng đơn vị của người này mới ghi “Thủ trưởng phát hiện”.',
  'field.at_most': 'Không được vượt quá {{max}}.',
  'field.no_superior':
    'Đơn vị của bạn không có cấp trên trong hệ thống để nhận báo cáo khi thủ trưởng có liên quan.',
  'field.no_desk':
    'Chưa có bộ phận tiếp nhận (cán bộ tiếp nhận có khóa) ở đơn vị này hay cấp trên của nó; hãy báo quản trị viên hoặc gửi qua cổng tố cáo.',
  'field.key_holder_home_unit':
    'Cán bộ giữ khóa đơn thư (tiếp nhận, giữ khóa) không được chuyển đơn vị trực tiếp: thu hồi vai trò đó rồi cấp lại (cần đồng nghiệp giữ khóa kích hoạt).',
  'field.inspector_home_unit':
    'Thanh tra viên không được chuyển đơn vị trực tiếp: thu hồi vai trò thanh tra rồi cấp lại (cần quản trị viên thứ hai phê duyệt).',
  'field.threshold': 'Ngưỡng là số nguyên từ 2 đến 25.',
  'field.threshold_order': 'Ngưỡng của mức cao hơn phải lớn hơn ngưỡng của mức dưới.',
  'field.date_not_before': 'Ngày này không được trước ngày {{date}} của bước trước.',
  'field.date_order': 'Ngày này không được trước ngày của bước trước.',
  'field.duplicate': 'Có mục bị trùng.',
  'field.one_lead': 'Đoàn thanh tra cần đúng một trưởng đoàn.',
  'field.member_works_there': '{{name}} đang công tác tại đơn vị được thanh tra (xung đột lợi ích).',
  'field.recommendation_not_carriable':
    'Không phải kiến nghị thu hồi của cuộc thanh tra này, hoặc đã được ghi vào sổ thu hồi.',
  'field.case_at_inspectorate':
    'Vụ việc từ cuộc thanh tra do chính cơ quan thanh tra đã tiến hành mở (sau đó có thể chuyển đơn vị xử lý).',
  'field.date_not_before_given': 'Không được trước ngày nộp bản kê khai cuối cùng được chọn ({{date}}).',
  'field.attendance_above_called': 'Số người có mặt không thể nhiều hơn số người được triệu tập.',
  'field.plan_issued_year':
    'Kế hoạch xác minh năm {{year}} được ban hành cuối năm trước hoặc trong năm {{year}}.',
  'field.date_not_earlier': 'Ngày này không được trước ngày {{date}}.',
  'field.date_not_after_payment': 'Ngày quyết định không được sau lần nộp tiền đầu tiên ({{date}}).',
  'field.sanction_required':
    'Kê khai không trung thực hoặc giải trình không hợp lý: ghi hình thức xử lý kiến nghị.',
  'field.member_relative_there':
    '{{name}} có vợ/chồng hoặc con (theo bản kê khai tài sản) đang công tác tại đơn vị được thanh tra (xung đột lợi ích).',
  'field.extended_once': 'Thời hạn thanh tra trực tiếp chỉ được gia hạn một lần.',
  'field.extension_after_due':
    'Gia hạn phải quyết định trước khi hết thời hạn thanh tra trực tiếp ({{date}}).',
  'field.member_worked_there':
    '{{name}} đã công tác tại đơn vị được thanh tra trong 2 năm gần đây (xung đột lợi ích).',
  'field.owner_required': 'Chọn đơn vị phải thực hiện, hoặc ghi tên cơ quan bên ngoài.',
  'field.recovery_below_recommended': 'Số tiền kiến nghị thu hồi vượt số phải thu hồi của kết luận.',
  'field.recommendation_closed': 'Kiến nghị đã kết thúc; cơ quan ban hành mở lại nếu cần.',
  'field.files_busy':
    'Máy chủ đang bận làm sạch tệp của người khác. Nội dung bạn đã nhập và các tệp đã xử lý được giữ nguyên; hãy gửi lại sau khoảng 30 giây (chọn lại tệp chưa có trong danh sách).',
  'field.no_rule_in_force':
    'Chưa có quy định thời hạn áp dụng cho ngày này (Luật Thanh tra 2025 áp dụng từ 01/07/2025).',
  'field.member_not_inspector': 'Thành viên đoàn phải là thanh tra viên của cơ quan thanh tra.',
  'field.date_too_far': 'Ngày này quá xa so với các ngày liên quan.',
  'field.year_future': 'Năm không được sau năm nay.',
  'field.trained_above_staff': 'Số cán bộ đã được tập huấn không được lớn hơn số cán bộ.',
  'field.after_reviewed_on': 'Văn bản không thể ban hành sau ngày rà soát nó.',
  'field.before_reviewed_on': 'Kiến nghị không thể gửi trước ngày rà soát.',
  'field.after_reported_on': 'Ngày này không được sau ngày báo cáo.',
  'field.after_handed_over': 'Ngày nhận quà không được sau ngày nộp lại quà.',
  'field.name_from_account': 'Họ tên lấy theo tài khoản của người giữ vị trí; sửa ở trang Người dùng.',
  'field.after_deferral': 'Ngày này không được sau ngày bắt đầu tạm hoãn đã ghi.',
  'field.own_gift_hand_over':
    'Không tự ghi nhận việc nộp lại quà của chính mình; người khác của đơn vị ghi nhận.',
  'field.period_range': 'Thời hạn phải từ {{min}} đến {{max}} năm theo quy định của ngành.',
  'field.rotation_exempt':
    'Người này còn dưới 18 tháng đến tuổi nghỉ hưu nên không chuyển đổi (Nghị định 59/2019, Điều 39).',
  'field.rotation_deferred': 'Người này được tạm hoãn chuyển đổi cả năm; xem lý do ở danh sách đến hạn.',
  'field.rotation_deferred_until': 'Người này được tạm hoãn đến {{date}}; chọn thời gian sau ngày đó.',
  'field.before_assigned': 'Ngày này không được trước ngày quyết định phân công.',
  'field.until_before_from': '“Đến ngày” không được trước “Từ ngày”.',
  'field.date_future': 'Ngày không được sau hôm nay.',
  'field.notice_after_day': 'Thông báo phải ban hành trước ngày mà nó quy định.',
  'field.team_lead': 'Tổ xác minh cần đúng một tổ trưởng.',
  'field.team_conflict':
    '{{name}} không được tham gia tổ xác minh (là người được xác minh hoặc vợ, chồng, con của họ).',
  'field.step_order': 'Hồ sơ xác minh chưa đến bước này hoặc đã qua bước này.',
  'field.extended_already': 'Thời hạn này đã được gia hạn một lần.',
  'field.digits': 'Chỉ gồm chữ số (tối đa 12).',
  'field.publication_one_year': 'Mỗi đợt công khai gồm các bản kê khai của cùng một năm.',
  'field.publication_one_unit': 'Các bản kê khai không thuộc cùng một đơn vị bạn tiếp nhận.',
  'field.attendance_two_thirds': 'Cuộc họp công khai cần ít nhất 2/3 số người được triệu tập có mặt.',
  'field.no_change': 'Chưa có thay đổi nào để ghi.',
  'field.same_unit': 'Vụ việc đang do đơn vị này xử lý.',
  'field.case_closed': 'Vụ việc đã kết thúc.',
  'field.case_no_referral': 'Vụ việc chưa có văn bản chuyển cơ quan điều tra.',
  'field.case_not_found': 'Không có vụ việc đang xử lý mang số này tại đơn vị tiếp nhận hoặc cấp trên.',
  'field.report_in_case': 'Tin báo, tố cáo này đã thuộc một vụ việc.',
  'field.referral_after_needs_conclusion':
    'Chuyển sau khi kết thúc thanh tra cần vụ việc gắn với cuộc thanh tra đã có kết luận.',
  'field.referral_answered': 'Cơ quan điều tra đã có quyết định giải quyết kiến nghị này.',
  'field.referral_received': 'Đã ghi ngày cơ quan điều tra tiếp nhận.',
  'field.referral_complex': 'Đã ghi nhận vụ việc phức tạp (thời hạn 2 tháng).',
  'field.decided_below_recovered': 'Số quyết định thu hồi không được thấp hơn số đã thu hồi.',
  'field.recovery_not_decided': 'Chưa có quyết định thu hồi: ghi quyết định trước khi ghi số đã thu.',
  'field.recovery_above_decided': 'Vượt số quyết định thu hồi (còn phải thu {{left, number}} đồng).',
  'field.clock_not_in_force': 'Chưa có quy định thời hạn áp dụng cho ngày này.',
  'field.recover_above_wrongdoing': 'Số tiền kiến nghị thu hồi không được lớn hơn số tiền sai phạm.',
  'field.handler_is_subject':
    'Đơn vị xử lý không được là đơn vị xảy ra vụ việc (hoặc đơn vị thuộc đơn vị đó).',
  'field.inspects_itself': 'Cơ quan thanh tra không tự thanh tra mình hoặc đơn vị cấp trên của mình.',
  'field.subject_is_unit':
    'Đây là một đơn vị trong danh mục: hãy chọn đơn vị trong danh sách thay vì gõ tên.',
  'field.case_close_order': 'Vụ việc cần có kết luận trước khi kết thúc.',
  'field.not_inspectorate':
    'Chọn một cơ quan thanh tra (đơn vị có thanh tra viên): chỉ cơ quan thanh tra thụ lý, xử lý vụ việc và cuộc thanh tra.',
  'field.report_untriaged': 'Phân loại tin báo trước khi chuyển thành vụ việc.',
  'field.required': 'Trường này là bắt buộc.',
  'field.file_empty': 'Tệp "{{name}}" rỗng.',
  'field.file_too_large': 'Tệp "{{name}}" quá lớn (tối đa {{max}} MB).',
  'field.file_type':
    'Tệp "{{name}}" không được chấp nhận: chỉ nhận ảnh (JPEG, PNG, WebP, GIF), PDF, Word, Excel, PowerPoint (.docx, .xlsx, .pptx), OpenDocument (.odt, .ods), văn bản (.txt, .csv). Nội dung tệp được kiểm tra, không dựa vào tên tệp.',
  'field.file_unreadable': 'Không đọc được tệp "{{name}}" (tệp hỏng hoặc có mật khẩu).',
  'field.file_unpacked_too_large':
    'Tệp "{{name}}" khi giải nén quá lớn so với giới hạn cho phép, nên chưa được lưu. Hãy gửi tệp nhỏ hơn hoặc chia thành nhiều tệp.',
  'field.file_encrypted':
    'Tệp "{{name}}" được mã hóa hoặc đặt mật khẩu nên Liêm không đọc được để xóa thông tin nhận dạng. Hãy mở tệp rồi in ra PDF (bản không mã hóa) và gửi lại.',
  'field.file_uncleanable':
    'Tệp "{{name}}" có phần Liêm không thể xóa chắc chắn thông tin nhận dạng (ví dụ ảnh CMYK hoặc JPEG 2000, ảnh chèn trực tiếp vào trang, đối tượng nhúng). Để bảo vệ bạn, tệp chưa được lưu. Bạn có thể chọn "Gửi tệp không kèm những phần đó" rồi đính kèm lại (ảnh như vậy thành khung trống), hoặc tự chuyển tệp sang dạng khác: in ra PDF, hoặc chụp ảnh từng trang.',
  'field.file_uncleanable_strip':
    'Tệp "{{name}}" có phần Liêm không thể tách ra một cách chắc chắn, nên tệp chưa được lưu. Hãy chuyển tệp sang dạng khác rồi đính kèm lại: in ra PDF, hoặc chụp ảnh từng trang.',
  'field.too_many_requests': 'Mỗi hồ sơ xác minh có tối đa {{max}} yêu cầu.',
  'field.too_many_files': 'Tối đa {{max}} tệp mỗi lần gửi.',
  'field.receipt_format': 'Mã tra cứu gồm đúng 16 chữ số.',
  'field.receipt_invalid': 'Mã tra cứu không đúng. Hãy kiểm tra lại từng chữ số.',
  'field.no_recipients': 'Đơn vị này chưa nhận tin báo trực tuyến; hãy chọn cơ quan khác.',
  'field.consent_required':
    'Cần đồng ý để cơ quan tiếp nhận dùng thông tin cá nhân của bạn cho việc giải quyết.',
  'field.kind_not_allowed': 'Tin báo nặc danh không được xử lý như tố cáo hay khiếu nại.',
  'field.extension_used': 'Đã dùng hết số lần gia hạn cho phép.',
  'field.same_report': 'Không thể gộp tin báo vào chính nó.',
  'field.handler_not_recipient': 'Người xử lý phải là cán bộ tiếp nhận của đơn vị đang xử lý.',
  'field.invalid': 'Giá trị không hợp lệ.',
  'field.unknown': 'Trường không được chấp nhận.',
  'field.too_short': 'Cần ít nhất {{min}} ký tự.',
  'field.too_long': 'Tối đa {{max}} ký tự.',
  'field.uuid': 'Mã định danh không hợp lệ.',
  'field.email': 'Địa chỉ thư điện tử không hợp lệ.',
  'field.date': 'Ngày không hợp lệ (định dạng yyyy-MM-dd).',
  'field.number': 'Cần một số.',
  'field.too_small': 'Giá trị phải lớn hơn hoặc bằng {{min}}.',
  'field.too_big': 'Giá trị phải nhỏ hơn hoặc bằng {{max}}.',
  'field.choice':
    'Giá trị không thuộc danh mục; chọn một mục trong danh sách (mã hợp lệ cho API: {{options}}).',
  'field.password_policy': 'Mật khẩu cần ít nhất {{min}} ký tự.',
  'field.password_reused': 'Mật khẩu mới phải khác mật khẩu hiện tại.',
  'field.code_taken': 'Mã này đã được dùng cho đơn vị khác.',
  'field.username_taken': 'Tên đăng nhập đã tồn tại.',
  'field.email_taken': 'Thư điện tử đã được dùng cho tài khoản khác.',
  'field.parent_cycle': 'Không thể chuyển đơn vị vào chính nó hoặc đơn vị cấp dưới của nó.',
  'field.unit_archived': 'Đơn vị đã giải thể hoặc lưu trữ.',
  'field.unit_out_of_scope': 'Đơn vị ngoài phạm vi quản lý của bạn.',
  'field.valid_to_before_from': 'Ngày kết thúc phải sau ngày bắt đầu.',
  'field.role_scope': 'Bạn không thể cấp vai trò này ở đơn vị đã chọn.',
  'field.email_for_invite': 'Cần địa chỉ e-mail của chính người dùng để gửi liên kết đặt mật khẩu.',
  'field.password_with_invite':
    'Khi mời qua e-mail, không đặt mật khẩu thay người dùng: họ tự đặt qua liên kết.',
  'field.account_disabled': 'Tài khoản đang bị vô hiệu hóa.',
  'field.cooling_off_range': 'Theo nhóm đã chọn, thời hạn từ {{min}} đến {{max}} tháng.',
  'field.cooling_off_by_project':
    'Nhóm này tính đến khi chương trình, dự án kết thúc: nhập ngày kết thúc, không nhập số tháng.',
  'field.cooling_off_by_months': 'Nhóm này tính theo số tháng: không nhập ngày kết thúc dự án.',
  'field.vouch_code':
    'Mã xác nhận không đúng. Hãy hỏi trực tiếp người được cấp vai trò: mã hiện trên Trang chủ của họ.',
  'field.draft_by_team':
    'Dự thảo kết luận do thành viên đoàn thanh tra (thường là trưởng đoàn) ghi nhận đã nộp.',
  'field.role_self': 'Không thể tự cấp vai trò cho chính mình; một quản trị viên khác phải làm việc này.',
  'field.role_conflict':
    'Người này đang giữ một vai trò không được kiêm nhiệm với vai trò này (tiếp nhận tin báo, bảo quản danh tính và quản trị phải do những người khác nhau đảm nhiệm).',
  'field.date_range': 'Khoảng ngày không hợp lệ.',
  'field.successors_required': 'Cần chọn ít nhất một đơn vị kế thừa.',

  'field.year': 'Cần ghi năm gồm bốn chữ số.',
  'field.own_declaration': 'Không ai tự xử lý bản kê khai của chính mình.',
  'import.xlsx_only': 'Hãy dùng tệp .xlsx tải từ Liêm (mỗi phần của mẫu kê khai là một trang).',
  'import.not_a_choice': 'Không thuộc các lựa chọn: {{choices}}.',
  'import.unknown_sheet': 'Trang này không có trong tệp mẫu; đổi tên như tệp mẫu hoặc xóa trang.',
  'import.sheet_twice': 'Phần này của mẫu kê khai có hai trang; chỉ giữ một trang.',
  'import.no_declarations': 'Thiếu trang "Bản kê khai" hoặc trang này không có dòng nào.',
  'import.no_such_declaration': 'Trang "Bản kê khai" không có bản kê khai số "{{ref}}".',
  'import.explained_twice': 'Nhóm này được giải trình hai lần cho cùng một bản kê khai.',
  'import.too_many_declarations': 'Mỗi tệp có tối đa {{max}} bản kê khai.',
  'import.no_such_declarant':
    'Không có người kê khai "{{username}}" trong các đơn vị bạn tiếp nhận bản kê khai.',
  'import.declaration_exists': 'Người này đã có bản kê khai loại này cho năm này.',
  'import.declared_before_year': 'Bản kê khai của năm này không thể hoàn thành từ năm trước đó.',
  'import.received_before_declared': 'Đơn vị không thể nhận trước ngày hoàn thành bản kê khai.',
  'import.not_on_roster': 'Người này không có trong danh sách kê khai hằng năm đang mở của năm này.',
  'import.choice': 'Giá trị không thuộc danh mục; ghi một trong: {{options}}.',
  'import.date': 'Ngày không hợp lệ; ghi theo dạng dd/mm/yyyy (ví dụ 31/12/2026).',
  'import.too_many_columns':
    'Trang tính có quá nhiều cột (tối đa {{max}}); xóa các cột thừa bên phải rồi tải lại.',
  'import.file_too_complex':
    'Tệp quá lớn hoặc quá phức tạp để đọc; hãy chia nhỏ tệp hoặc lưu lại bằng Excel rồi thử lại.',
  'import.codes_as_numbers':
    'Cột này được lưu dưới dạng số nên mã mất số 0 ở đầu (ví dụ "{{value}}", trong khi mã dài nhất có {{width}} chữ số). Hãy định dạng cột là Văn bản (Text) trong Excel, nhập lại mã đầy đủ, rồi tải tệp lên lại.',
  'import.confirm_move':
    'Đơn vị này sẽ được chuyển sang đơn vị cấp trên khác: hãy xác nhận việc chuyển ở bước chạy thử rồi ghi lại.',
  'import.confirm_retype':
    'Đơn vị này sẽ đổi loại đơn vị: hãy xác nhận việc đổi loại ở bước chạy thử rồi ghi lại.',
  'import.parent_needed':
    'Đơn vị mới cần mã đơn vị cấp trên, hoặc chọn đơn vị đặt các đơn vị mới vào trong trình hướng dẫn.',
  'import.missing_column': 'Thiếu cột bắt buộc "{{field}}".',
  'import.unknown_parent': 'Không tìm thấy đơn vị cấp trên có mã "{{code}}".',
  'import.unknown_person':
    'Không có cán bộ "{{name}}" (tên đăng nhập hoặc email) trong phạm vi quản lý của bạn.',
  'import.unknown_unit': 'Không có đơn vị mã "{{code}}" trong phạm vi quản lý của bạn.',
  'import.duplicate_in_file': 'Trùng với dòng {{row}} trong tệp.',
  'import.file_unreadable': 'Không đọc được tệp. Hãy dùng tệp .xlsx hoặc .csv (UTF-8).',
  'import.too_many_rows': 'Tệp có quá nhiều dòng (tối đa {{max}}).',
  'import.empty': 'Tệp không có dòng dữ liệu nào.',

  'unitType.province': 'Tỉnh',
  'unitType.city': 'Thành phố trực thuộc trung ương',
  'unitType.ward': 'Phường',
  'unitType.special_zone': 'Đặc khu',
  'unitType.department': 'Sở, ban, ngành',
  'unitType.commune': 'Xã',
  'unitType.district': 'Huyện/Quận (trước 2025)',
  'unitType.sub_unit': 'Đơn vị trực thuộc',
  'unitType.enterprise': 'Doanh nghiệp nhà nước',
  'unitType.national': 'Cơ quan trung ương',

  'role.declaration_officer': 'Cán bộ tổ chức (kê khai tài sản)',
  'role.asset_controller': 'Cán bộ kiểm soát tài sản, thu nhập',
  'role.inspector': 'Thanh tra viên',
  'role.admin': 'Quản trị hệ thống',
  'role.coordinator': 'Cán bộ điều phối (Thanh tra tỉnh)',
  'role.unit_head': 'Thủ trưởng đơn vị',
  'role.focal_officer': 'Cán bộ đầu mối',
  'role.reviewer': 'Người thẩm định',
  'role.intake_officer': 'Cán bộ tiếp nhận, xử lý',
  'role.custodian': 'Người giữ khóa danh tính',
  'role.declarant': 'Người kê khai',
  'role.enterprise_rep': 'Đại diện doanh nghiệp',
  'role.auditor': 'Kiểm tra, giám sát',

  'clockUnit.working_days': 'ngày làm việc',
  'clockUnit.calendar_days': 'ngày',
  'clockUnit.months': 'tháng',

  'mail.email_changed.subject': '[Liêm] Địa chỉ email của tài khoản đã được đổi',
  'mail.email_changed.body':
    'Xin chào {{name}},\n\nQuản trị viên vừa đổi địa chỉ email của tài khoản Liêm của bạn; thư đặt lại mật khẩu từ nay gửi tới địa chỉ mới. Nếu bạn không yêu cầu việc này, hãy báo ngay cho cơ quan thanh tra hoặc một quản trị viên khác.',
  'mail.reset_by_admin.subject': '[Liêm] Quản trị viên đã đặt lại đăng nhập của bạn',
  'mail.reset_by_admin.body':
    'Xin chào {{name}},\n\nQuản trị viên vừa đặt lại mật khẩu hoặc xác thực hai lớp của tài khoản Liêm của bạn. Nếu bạn không yêu cầu việc này, hãy báo ngay cho cơ quan thanh tra hoặc một quản trị viên khác.',
  'mail.reset.subject': '[Liêm] Đặt lại mật khẩu',
  'mail.reset.body':
    'Xin chào {{name}},\n\nCó yêu cầu đặt lại mật khẩu cho tài khoản của bạn trên Liêm. Mở liên kết sau trong {{minutes}} phút để đặt mật khẩu mới:\n\n{{link}}\n\nNếu bạn không yêu cầu, hãy bỏ qua thư này; mật khẩu hiện tại vẫn giữ nguyên.',
  'mail.invite.subject': '[Liêm] Đặt mật khẩu cho tài khoản của bạn',
  'mail.invite.body':
    'Xin chào {{name}},\n\nQuản trị viên đã mở cho bạn một tài khoản trên Liêm (hoặc cần bạn tự đặt lại mật khẩu). Mở liên kết sau trong {{hours}} giờ để tự đặt mật khẩu — chỉ bạn biết mật khẩu này; vai trò nhận phản ánh, giữ khóa hay phê duyệt của bạn chỉ có hiệu lực sau bước này:\n\n{{link}}\n\nNếu bạn không chờ thư này, hãy báo cho cơ quan thanh tra.',
  'notification.password_reset_by_admin': 'Quản trị viên đã đặt lại mật khẩu của bạn.',
  'notification.grant_added': 'Bạn được giao vai trò {{role}} tại {{unit}}.',
  'notification.key_holder_reset':
    'Quản trị viên đã đặt lại mật khẩu hoặc xác thực hai lớp của {{user}}, người nhận tin báo: hãy xác nhận với chính người đó.',
  'notification.key_holder_removed':
    '{{user}}, người nhận tin báo, vừa bị vô hiệu hóa hoặc thu hồi vai trò nhận tin báo: hãy kiểm tra bộ phận tiếp nhận vẫn còn người độc lập với các đơn vị có thể bị phản ánh.',
  'notification.overseer_disabled':
    'Tài khoản {{user}} (điều phối hoặc quản trị) vừa bị vô hiệu hóa: người đó không còn nhận các thông báo về bộ phận tiếp nhận.',
  'notification.overseer_removed': '{{user}} vừa bị thu hồi vai trò điều phối hoặc quản trị.',
  'notification.key_holder_readdressed':
    'Quản trị viên vừa đổi địa chỉ email (nơi nhận thư đặt lại mật khẩu) của {{user}}: hãy xác nhận với chính người đó.',
  'notification.key_holder_new_keys':
    '{{user}}, người nhận tin báo, đã tạo khóa mới (khóa cũ không dùng nữa): hãy xác nhận với chính người đó trước khi kích hoạt.',
  'notification.sensitive_grant': '{{user}} được giao vai trò {{role}} tại {{unit}}.',
  'notification.unit_move_requested':
    'Đề nghị chuyển {{unit}} về trực thuộc {{parent}}: cần một quản trị viên khác phê duyệt.',
  'notification.unit_move_approved': 'Việc chuyển {{unit}} đã được phê duyệt và thực hiện.',
  'notification.unit_move_rejected': 'Đề nghị chuyển {{unit}} không được phê duyệt.',
  'field.move_waiting': 'Đơn vị này đang có một đề nghị chuyển chờ phê duyệt.',
  'field.move_changed':
    'Tên hoặc mã của đơn vị, hoặc của nơi chuyển đến, đã thay đổi sau khi đề nghị: hãy từ chối và đề nghị lại.',
  'notification.grant_awaiting_approval':
    '{{user}} được đề nghị giao vai trò {{role}} tại {{unit}}: cần một quản trị viên khác phê duyệt.',
  'notification.keys_awaiting_activation':
    '{{user}} ({{role}}, {{unit}}) chờ được kích hoạt khóa để nhận tin báo.',
  // Spreadsheet exports (platform/sheets.ts): what their sheets and columns are called.
  'export.no': 'STT',
  'export.plan_sheet': 'Kế hoạch',
  'export.progress_sheet': 'Tiến độ',
  'export.expected_output': 'Sản phẩm dự kiến',
  'export.progress_pct': 'Tiến độ (%)',
  'export.review': 'Duyệt',
  'export.ranking_sheet': 'Xếp hạng',
  'export.head': 'Người đứng đầu',
  'export.points': '{{code}}. {{title}} ({{points}})',
  ...uiVi,
} as const;

export type MessageKey = keyof typeof vi;
