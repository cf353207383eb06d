/** Labels of the users pages (Vietnamese, the source): a domain keeps its own messages. */
export const usersVi = {
  'ui.unitMoves.title': 'Chuyển đơn vị chờ phê duyệt',
  'ui.unitMoves.intro':
    'Vị trí của đơn vị trong cơ cấu quyết định ai đọc được tin báo, vụ việc và sổ theo dõi của đơn vị đó, nên việc chuyển đơn vị do một quản trị viên đề nghị và một quản trị viên khác phê duyệt.',
  'ui.unitMoves.retype': 'Đổi loại: {{from}} → {{to}}',
  'ui.unitMoves.sameParent': 'Giữ nguyên nơi trực thuộc',
  'ui.unitMoves.from': 'Đang trực thuộc',
  'ui.unitMoves.to': 'Chuyển về trực thuộc',
  'ui.unitMoves.by': 'Người đề nghị',
  'ui.unitMoves.confirm': 'Chuyển {{unit}} về trực thuộc {{to}} ngay bây giờ?',
  'ui.unitMoves.reject': 'Từ chối',
  'ui.unitMoves.changed': 'Đã đổi tên hoặc mã sau khi đề nghị: không thể phê duyệt',
  'ui.unitMoves.cancel': 'Rút đề nghị',
  'ui.unitMoves.requested':
    'Đã gửi đề nghị chuyển; việc chuyển được thực hiện khi một quản trị viên khác phê duyệt.',
  'ui.grants.title': 'Phân quyền chờ duyệt',
  'ui.grants.intro':
    'Bốn mắt với quyền nhạy cảm: các vai trò quản trị, điều phối, kiểm tra giám sát, thanh tra, cán bộ tổ chức kê khai và kiểm soát tài sản cần một quản trị viên khác phê duyệt; cán bộ tiếp nhận hoặc người giữ khóa danh tính mới chỉ nhận khóa tin báo khi một đồng nghiệp đang giữ khóa của đơn vị kích hoạt (nếu đơn vị chưa có ai giữ khóa, một quản trị viên khác kích hoạt). Không ai tự duyệt việc của mình. Người quyết định nhập mã xác nhận mà chính người được cấp đọc trực tiếp (mã hiện trên Trang chủ của họ, sau khi họ tự đặt mật khẩu qua liên kết gửi tới e-mail).',
  'ui.grants.kind': 'Việc chờ',
  'ui.grants.awaitingApproval': 'Chờ phê duyệt',
  'ui.grants.awaitingKeys': 'Chờ kích hoạt khóa',
  'ui.grants.grantedBy': 'Người cấp',
  'ui.grants.madeBy':
    'Tài khoản do {{name}} tạo (quản trị viên biết mật khẩu đầu): hãy xác nhận trực tiếp với người này',
  'ui.grants.setByAdmin':
    'Quản trị viên đã đặt lại thông tin đăng nhập: hãy xác nhận trực tiếp với người này',
  'ui.grants.neverSignedIn': 'chưa từng tự đăng nhập',
  'ui.grants.system': 'Hệ thống',
  'ui.grants.at': 'Thời điểm',
  'ui.grants.confirmApprove':
    'Phê duyệt vai trò {{role}} tại {{unit}} cho {{user}}? Hãy chắc chắn đã xác nhận với chính người đó.',
  'ui.grants.confirmActivate':
    'Kích hoạt khóa tin báo cho {{user}} ({{role}}, {{unit}})? Từ nay tin báo của đơn vị sẽ được gửi cho người này; hãy xác nhận trực tiếp với chính họ trước.',
  'ui.grants.code': 'Mã xác nhận do người được cấp đọc trực tiếp',
  'ui.grants.codeHelp':
    'Người được cấp vai trò thấy mã này trên Trang chủ của họ. Chỉ nhập mã khi chính họ đọc cho bạn, gặp mặt trực tiếp.',
  'ui.grants.approve': 'Phê duyệt',
  'ui.grants.activate': 'Kích hoạt khóa',
  'ui.grants.notYours': 'Người khác quyết định',
  'ui.grants.afterActivation':
    'Sau khi kích hoạt, tin báo mới được mã hóa cho người này; dùng "Chia sẻ khóa" ở trang Khóa để trao cả tin báo cũ.',
  'ui.grants.pendingTag': 'chờ phê duyệt',
  'ui.grants.keysPendingTag': 'chờ kích hoạt khóa',
  'ui.roleHelp.admin': 'Quản lý đơn vị, người dùng, phân quyền và lịch làm việc; không đọc nội dung tin báo.',
  'ui.roleHelp.coordinator':
    'Điều phối kế hoạch PCTNTC, đợt đánh giá và doanh nghiệp trong phạm vi; theo dõi tiến độ các đơn vị.',
  'ui.roleHelp.unit_head':
    'Ban hành và báo cáo kế hoạch của đơn vị, tự đánh giá công tác PCTNTC, thực hiện và báo cáo các kiến nghị thanh tra đối với đơn vị; xử lý quà tặng và quyết định biện pháp kiểm soát xung đột lợi ích của cán bộ đơn vị.',
  'ui.roleHelp.focal_officer':
    'Soạn kế hoạch, báo cáo tiến độ và tự đánh giá cho đơn vị; báo cáo thực hiện kiến nghị thanh tra kèm tài liệu; theo dõi sổ quà tặng và xung đột lợi ích của đơn vị.',
  'ui.roleHelp.reviewer': 'Thẩm định bản tự đánh giá của các đơn vị được giao trong đợt đánh giá.',
  'ui.roleHelp.intake_officer':
    'Tiếp nhận, phân loại, xử lý tin báo và cập nhật thông tin tiếp công dân của cơ quan.',
  'ui.roleHelp.custodian':
    'Quyết định các yêu cầu xem danh tính người báo tin; mọi lần xem đều được ghi lại.',
  'ui.roleHelp.declarant':
    'Kê khai tài sản, thu nhập hằng năm của bạn: điền theo mẫu, được điền sẵn từ bản trước, lưu nháp, nộp và theo dõi việc tiếp nhận; báo cáo quà tặng không từ chối được và xung đột lợi ích của mình.',
  'ui.roleHelp.declaration_officer':
    'Lập danh sách người phải kê khai của đơn vị, tiếp nhận, kiểm tra, trả lại để bổ sung, bàn giao bản kê khai cho cơ quan kiểm soát và công khai.',
  'ui.roleHelp.asset_controller':
    'Mở đợt kê khai hằng năm, nhận bàn giao bản kê khai, xem xếp hạng rủi ro kèm lý do, lập kế hoạch xác minh, bốc thăm công khai và theo dõi từng hồ sơ xác minh theo thời hạn, trong phạm vi được giao.',
  'ui.roleHelp.inspector':
    'Lập kế hoạch thanh tra hằng năm, tiến hành các cuộc thanh tra, kết luận và theo dõi các kiến nghị đến khi hoàn thành.',
  'ui.roleHelp.enterprise_rep': 'Cập nhật cam kết liêm chính và tự đánh giá của doanh nghiệp.',
  'ui.roleHelp.auditor': 'Xem nhật ký hệ thống và kiểm tra chuỗi nhật ký trong phạm vi.',

  'ui.users.title': 'Người dùng',
  'ui.users.create': 'Thêm người dùng',
  'ui.users.username': 'Tên đăng nhập',
  'ui.users.fullName': 'Họ và tên',
  'ui.users.email': 'Thư điện tử',
  'ui.users.phone': 'Điện thoại',
  'ui.users.role': 'Vai trò',
  'ui.users.lastLogin': 'Đăng nhập gần nhất',
  'ui.users.twoFactor': 'Xác thực hai lớp',
  'ui.users.grants': 'Phân quyền',
  'ui.users.addGrant': 'Cấp vai trò',
  'ui.users.subtree': 'Gồm các đơn vị trực thuộc',
  'ui.users.scope': 'Phạm vi',
  'ui.users.disable': 'Vô hiệu hóa',
  'ui.users.enable': 'Kích hoạt',
  'ui.users.disableConfirm':
    'Vô hiệu hóa tài khoản "{{name}}"? Mọi phiên đăng nhập của người này sẽ kết thúc.',
  'ui.users.resetPassword': 'Đặt lại mật khẩu',
  'ui.users.resetConfirm':
    'Đặt lại mật khẩu của "{{name}}"? Người dùng phải đổi mật khẩu khi đăng nhập lần sau; các vai trò cần hai quản trị viên (quản trị hệ thống, điều phối, kiểm tra giám sát, thanh tra viên, kê khai và kiểm soát tài sản) chờ một quản trị viên khác phê duyệt lại.',
  'ui.users.oneTimePassword': 'Mật khẩu dùng một lần (chỉ hiển thị lần này): {{password}}',
  'ui.users.removeGrant': 'Thu hồi',
  'ui.users.removeGrantConfirm': 'Thu hồi vai trò này?',
  'ui.users.firstPassword': 'Mật khẩu đầu tiên',
  'ui.users.firstPasswordHelp':
    'Người nhận phản ánh, người giữ khóa và các vai trò cần phê duyệt chỉ được kích hoạt sau khi chủ tài khoản tự đặt mật khẩu qua liên kết gửi tới e-mail của họ.',
  'ui.users.firstPasswordLink': 'Gửi liên kết tới e-mail để người dùng tự đặt (khuyến nghị)',
  'ui.users.firstPasswordOneTime': 'Tạo mật khẩu dùng một lần để trao tận tay',
  'ui.users.linkSent': 'Đã gửi liên kết đặt mật khẩu tới {{email}}.',
  'ui.users.sendLink': 'Gửi liên kết đặt mật khẩu',
  'ui.users.sendLinkConfirm':
    'Gửi tới {{email}} một liên kết để {{name}} tự đặt mật khẩu? Mật khẩu hiện tại vẫn dùng được cho tới khi họ đặt mật khẩu mới.',
  'ui.users.ownerPasswordPending': 'chờ chủ tài khoản tự đặt mật khẩu',
  'ui.grants.ownerPasswordPending':
    'Chủ tài khoản chưa tự đặt mật khẩu qua liên kết gửi tới e-mail: chưa thể quyết định. Quản trị viên gửi liên kết từ trang Người dùng.',
  'ui.users.locked': 'Đang tạm khóa',
} as const;
