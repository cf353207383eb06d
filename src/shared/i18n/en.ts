export { singularResources } from './plurals.en.ts';

import { uiEn } from './ui.en.ts';
import type { MessageKey } from './vi.ts';

/** English: must have exactly the keys of vi (a missing or extra key is a compile error). */
export const en: Record<MessageKey, string> = {
  'error.bad_request': 'The request is not valid.',
  'error.validation': 'Some fields are not valid; please check the marked fields.',
  'error.import_invalid':
    'The import file has errors; nothing was written. Fix the rows listed and import again.',
  'error.plan_not_draft': 'The plan is issued: re-open it to amend it (it will be issued as a new version).',
  'error.plan_not_issued': 'The plan is not issued yet, so progress cannot be reported.',
  'error.owner_password_pending':
    'The account’s owner has not yet set a password through a link mailed to them, so an administrator may still know it: its keys cannot be activated nor its role approved yet. Send them a set-password link.',
  'error.keys_locked':
    'Your report keys are locked in this session (for example after a password reset). Restore them with your recovery key on the Keys page.',
  'error.report_key_missing':
    'This report has not been shared with your key yet. Ask another intake officer who can read it to press "Share keys".',
  'error.assessment_submitted': 'The self-assessment was submitted; it cannot be edited unless returned.',
  'field.assessments_pending': 'Assessments not finalised yet: {{n}}.',
  'field.not_finalised': 'Only a finalised campaign can be published.',
  'field.self_score_missing': 'This criterion has no score yet.',
  'field.evidence_required': 'This criterion needs evidence.',
  'field.review_required': 'This criterion is not reviewed yet.',
  'field.review_reason_required': 'The reviewed score differs from the self score: give the reason.',
  'field.review_own_unit': 'You cannot review your own unit.',
  'error.framework_draft_open':
    'This framework already has a draft version: finish and publish it (or delete it) first.',
  'error.framework_published': 'A published framework version cannot change; make a new version.',
  'field.parent_first': 'Parent criterion {{parent}} must come first.',
  'field.part_sum': 'The children add up to {{sum}}, not the part’s {{own}}.',
  'error.report_closed': 'The report is closed; it can no longer be changed.',
  'error.record_final':
    'This record has gone past the step where it can be corrected; note the correction in its next step.',
  'error.no_recipients': 'No intake officer of this unit can receive confidential reports yet.',
  'field.deadline_before_year': "The deadline cannot be before the plan's year.",
  'field.unit_not_in_plan_scope': "The unit is outside the plan's scope.",
  'field.no_reporting_regime': 'No reporting regime for {{year}} is recorded in Liêm.',
  'field.period_not_in_year': "The reporting period is not in the plan's year.",
  'field.comment_required': 'Say why it is returned.',
  'notification.plan_cascaded': '"{{plan}}" was issued: unit {{unit}} must issue its own plan by {{due}}.',
  'notification.progress_returned': 'Progress on "{{item}}" for {{period}} was returned: {{comment}}',
  'mail.notification.subject': '[Liêm] {{short}}',
  'mail.notification.body': '{{message}}\n\n{{link}}',
  'notification.deadline_due_soon': '{{kind}}: "{{title}}" ({{unit}}) is due on {{due}}.',
  'notification.deadline_overdue': '{{kind}}: "{{title}}" ({{unit}}) is overdue (due {{due}}).',
  'notification.declaration_entered':
    'Your {{year}} paper declaration was entered in Liêm by your unit: check what it says.',
  'notification.declaration_returned':
    'Your {{year}} declaration was returned for correction; complete it by {{due}}.',
  'notification.verification_explanation':
    'The verification team asks you for a written explanation by {{due}}.',
  'notification.verification_concluded':
    'The verification of your assets and income was concluded on {{on}}; the control agency will send you the conclusion.',
  'notification.report_received': 'New report no. {{number}}.',
  'notification.report_assigned': 'You were assigned report no. {{number}}.',
  'notification.report_forwarded': 'Report no. {{number}} was forwarded to your unit.',
  'notification.report_task': 'You have a task in report no. {{number}}.',
  'notification.report_outcome': 'Report no. {{number}} (which your unit forwarded) has an outcome.',
  'notification.report_reply': 'The reporter replied in report no. {{number}}.',
  'notification.identity_requested': "A request to see a reporter's identity (report no. {{number}}).",
  'notification.identity_approved': 'Your identity request (report no. {{number}}) was approved.',
  'notification.identity_refused': 'Your identity request (report no. {{number}}) was refused.',
  'field.triage_first': 'Classify the report before closing it.',
  'field.reason_short': 'Give a clear reason (at least 20 characters).',
  'field.id_number': 'A personal identification number (on the citizen ID card) has 12 digits.',
  'field.phone': 'Not a valid phone number.',
  'reportStatus.received': 'Received',
  'reportStatus.in_progress': 'Being handled',
  'reportStatus.closed': 'Closed',
  'reportKind.unclassified': 'Not yet classified',
  'reportKind.anonymous_information': 'Anonymous information (used for inspection)',
  'reportKind.denunciation': 'Denunciation',
  'reportKind.complaint': 'Complaint',
  'reportKind.petition': 'Petition or feedback',
  'reportKind.out_of_scope': 'Outside our remit',
  'reportOutcome.substantiated': 'Substantiated',
  'reportOutcome.partly_substantiated': 'Partly substantiated',
  'reportOutcome.not_substantiated': 'Not substantiated',
  'reportOutcome.merged': 'Merged with a duplicate',
  'reportOutcome.out_of_scope': 'Outside our remit — guidance given',
  'notification.item_comment': 'New message on the task "{{item}}".',
  'error.unauthenticated': 'Please sign in.',
  'error.invalid_credentials': 'Wrong user name or password.',
  'error.invalid_totp': 'The verification code is wrong or has expired.',
  'error.totp_used':
    'This code has already been used to sign in. Wait for the next code in your authenticator app (about 30 seconds).',
  'error.session_expired': 'Your session has expired; please sign in again.',
  'error.forbidden': 'You are not allowed to do this.',
  'error.csrf': 'The request lacks its anti-forgery (CSRF) token. Please reload the page.',
  'error.stage_required': 'Please finish this sign-in step first: {{stage}}.',
  'error.separation_of_duties':
    'Separation of duties: no one approves their own request or decides on their own case.',
  'error.account_disabled': 'This account is disabled. Please contact an administrator.',
  'error.not_found': 'Not found.',
  'error.conflict': 'The data changed or is a duplicate; please check again.',
  'error.payload_too_large': 'The upload is larger than allowed.',
  'error.unsupported_file_type': 'This type of file is not accepted.',
  'error.locked_out':
    'The account is locked after repeated failed sign-ins. Try again in {{minutes}} minutes.',
  'error.rate_limited': 'Too many requests. Please try again in a few minutes.',
  'error.internal': 'A system error occurred. Please retry or tell an administrator the request id.',
  'error.unavailable': 'The service is temporarily unavailable.',

  'field.file_empty': 'File "{{name}}" is empty.',
  'field.file_too_large': 'File "{{name}}" is too large (at most {{max}} MB).',
  'field.file_type':
    'File "{{name}}" is not accepted: only images (JPEG, PNG, WebP, GIF), PDF, Word, Excel, PowerPoint (.docx, .xlsx, .pptx), OpenDocument (.odt, .ods) and text (.txt, .csv). The content is checked, not the name.',
  'field.file_unreadable': 'File "{{name}}" cannot be read (damaged or password-protected).',
  'field.file_unpacked_too_large':
    'File "{{name}}" unpacks to more than the allowed size, so it was not kept. Send a smaller file, or split it.',
  'field.file_encrypted':
    'File "{{name}}" is encrypted or password-protected, so Liêm cannot read it to remove identifying information. Open it, print it to PDF (an unencrypted copy) and send that.',
  'field.file_uncleanable':
    'File "{{name}}" has parts from which Liêm cannot remove identifying information with certainty (for example a CMYK or JPEG 2000 image, an image drawn inline in a page, an embedded object). To protect you, it was not kept. You may choose "Send files without those parts" and attach it again (such a picture becomes an empty frame), or convert it yourself: print it to PDF, or photograph each page.',
  'field.file_uncleanable_strip':
    'File "{{name}}" has parts Liêm cannot take out with certainty, so it was not kept. Convert it and attach it again: print it to PDF, or photograph each page.',
  'field.too_many_requests': 'A verification has at most {{max}} requests.',
  'field.too_many_files': 'At most {{max}} files at a time.',
  'field.receipt_format': 'A receipt has exactly 16 digits.',
  'field.receipt_invalid': 'This receipt is not right. Check each digit.',
  'field.no_recipients': 'This body does not receive reports online yet; choose another.',
  'field.consent_required': 'Agree that the receiving body may use your personal data to handle the report.',
  'field.kind_not_allowed': 'An anonymous report cannot be handled as a denunciation or complaint.',
  'field.extension_used': 'All allowed extensions have been used.',
  'field.same_report': 'A report cannot be merged into itself.',
  'field.handler_not_recipient': 'The handler must be an intake officer of the handling unit.',
  'field.tax_code': 'A tax code has 10 digits, or 10 digits and a 3-digit branch (0123456789-001).',
  'field.tax_code_taken': 'An enterprise with this tax code is already registered.',
  'field.registration_pending': 'A registration for this tax code is already waiting.',
  'field.code_wrong': 'The confirmation code is not right.',
  'field.code_expired': 'The code has expired or was mistyped too often; please register again.',
  'notification.enterprise_registration': 'Enterprise {{name}} asked to join and waits for approval.',
  'mail.enterprise_code.subject': 'Your Liêm enterprise registration code',
  'mail.enterprise_code.body':
    'Hello {{name}},\n\nYour confirmation code is {{code}} (valid {{minutes}} minutes). Enter it on the registration page to finish.\n\nIf you did not ask for this, ignore this e-mail.',
  'mail.enterprise_rejected.subject': 'Your enterprise registration was not approved',
  'mail.enterprise_rejected.body':
    'Hello {{name}},\n\nThe registration of your enterprise was not approved: {{reason}}',
  'field.name_with_contact':
    'You left contact details: give your full name, or clear the contact details to report anonymously.',
  'field.decl_required': 'Section {{section}}: this field is required.',
  'field.decl_required_item': 'Section {{section}}, line {{item}}: this field is required.',
  'field.decl_number': 'Section {{section}}, line {{item}}: a number is needed.',
  'field.decl_choice': "Section {{section}}, line {{item}}: not one of the form's choices.",
  'field.decl_no_currency': 'Section {{section}}, line {{item}}: this group is declared in Vietnamese dong.',
  'field.decl_rate_missing':
    'Section {{section}}, line {{item}}: a foreign amount needs its exchange rate to VND.',
  'field.decl_value_missing':
    'Section {{section}}, line {{item}}: give the value, or the reason it could not be determined.',
  'field.decl_value_zero':
    'Section {{section}}, line {{item}}: the value is 0; give the asset’s value, or the reason it could not be determined.',
  'field.decl_income_zero':
    'Section {{section}}, line {{item}}: an income line must be above 0 (delete the line if none).',
  'field.decl_negative': 'The value cannot be negative.',
  'field.decl_no_spouse': 'Section {{section}}, line {{item}}: the declaration has no spouse (section I.2).',
  'field.decl_no_child':
    'Section {{section}}, line {{item}}: the declaration has no minor child (section I.3).',
  'field.decl_explain':
    'Section {{section}}: the increase reaches the threshold that must be explained; explain its origin.',
  'field.round_exists': 'A round for this year is already open for the unit.',
  'field.already_on_roster': 'This person is already on the round’s roster.',
  'field.reminder_not_needed':
    'This person has submitted or is no longer on the roster; no reminder is needed.',
  'field.reminders_done': 'Both written reminders are already recorded.',
  'field.sanction_honest': 'The declaration was concluded honest: there is no sanction to record.',
  'field.sanction_done': 'The sanction is already recorded.',
  'field.decl_value_too_large': 'The value converted to đồng is over 10^15; check the amount and the rate.',
  'field.not_on_roster':
    'You are not on this year’s roster of annual declarants; ask your unit’s organising officer.',
  'field.first_time_done': 'You already have a declaration; a first-time declaration does not apply.',
  'field.no_previous': 'A supplementary declaration needs an earlier declaration.',
  'field.declaration_not_ready': 'Declaration {{id}} is not in a state that allows this.',
  'field.plan_exists': 'The unit already has a verification plan for this year.',
  'field.no_round': 'There is no yearly declaration round of the year before to take the candidates from.',
  'field.exclusion_automatic':
    'This exclusion is set by the system (no declaration, verified in the last 4 years) and cannot be changed.',
  'field.no_candidates': 'Nobody is left to draw.',
  'field.plan_empty': 'The plan has no inspection yet.',
  'field.plan_change_reason': 'The plan is approved: a change to it needs a reason.',
  'field.legal_ground_required': 'An inspection outside the plan needs its legal ground.',
  'field.vnd': 'Enter an amount in dong: a whole number, not negative, without decimals.',
  'field.vnd_too_large': 'The amount is too large (at most 10^15 dong).',
  'field.step_not_now': 'This step cannot be recorded at the current stage.',
  'field.costs_above_proceeds': 'The costs cannot exceed what the sale brought.',
  'field.remit_amount':
    'The amount paid into the budget must be the proceeds less the costs: {{amount}} dong.',
  'field.self_report_is_own': 'A self-report is about one’s own conflict of interest.',
  'field.own_conflict_is_self': 'For your own conflict of interest choose “Self-report”.',
  'field.reported_on_paper_only':
    'A report date other than today is only for registering someone else’s paper report.',
  'field.assignment_open': 'This person already holds a position subject to rotation; end it first.',
  'field.assignment_ended': 'This assignment has ended.',
  'field.rotation_plan_exists': 'The unit already has a rotation plan for this year.',
  'field.plan_not_draft': 'The plan is issued: no one can be added any more.',
  'field.plan_not_issued': 'Issue the plan before recording what was done.',
  'field.date_by_unit':
    "This date sets the report's own time limit: ask the unit (its handler) to correct it; you cannot change it yourself.",
  'field.person_name':
    'A name is written in Vietnamese letters (no letters of another alphabet, no invisible characters).',
  'field.already_on_plan':
    'This person is on the plan already: change their line instead of adding them again.',
  'field.negative': 'Cannot be negative.',
  'field.whole_number': 'Enter a whole number, e.g. 1,250,000.',
  'field.counted_from_list':
    'This figure is counted from the imported attendance list; change the list, not the figure.',
  'field.trained_above_participants': 'Staff trained cannot exceed the participants.',
  'field.proposal_without_gap': 'A document found consistent has no proposal to amend.',
  'field.proposal_settled': 'The proposal has its outcome: its text can no longer change.',
  'field.scale': 'Choose a level from 1 to 5.',
  'field.review_in_future': 'Set the next review date (after today).',
  'field.not_the_head': 'Only the head of this official’s unit reports as “the head”.',
  'field.at_most': 'At most {{max}}.',
  'field.no_superior': 'Your unit has no superior unit here to receive a report when its head is involved.',
  'field.no_desk':
    'No desk (intake officers with their keys) receives reports for this unit or above it yet; tell an administrator or use the public portal.',
  'field.key_holder_home_unit':
    'A holder of report keys (intake officer, custodian) is not moved to another unit directly: remove that role and grant it again (a colleague holding the keys activates it).',
  'field.inspector_home_unit':
    'An inspector is not moved to another unit directly: remove the inspector role and grant it again (a second administrator approves).',
  'field.threshold': 'A threshold is a whole number from 2 to 25.',
  'field.threshold_order': 'A higher level’s threshold must be above the one below it.',
  'field.date_not_before': 'This date cannot be before the previous step’s, {{date}}.',
  'field.date_order': 'This date cannot be before the previous step’s.',
  'field.duplicate': 'An entry is repeated.',
  'field.one_lead': 'The team needs exactly one leader.',
  'field.member_works_there': '{{name}} works in the inspected unit (conflict of interest).',
  'field.recommendation_not_carriable':
    'Not a recovery recommendation of this inspection, or already in a recovery ledger.',
  'field.case_at_inspectorate':
    'A case from an inspection is opened by the inspectorate that conducted it (it may move the case afterwards).',
  'field.date_not_before_given': 'Cannot be before the last chosen declaration was given ({{date}}).',
  'field.attendance_above_called': 'More people cannot be present than were called.',
  'field.plan_issued_year':
    'The {{year}} verification plan is issued at the end of the year before or in {{year}}.',
  'field.date_not_earlier': 'This date cannot be before {{date}}.',
  'field.date_not_after_payment': 'The decision cannot be dated after the first payment ({{date}}).',
  'field.sanction_required':
    'A dishonest declaration or an unreasonable explanation: give the sanction recommended.',
  'field.member_relative_there':
    '{{name}} has a spouse or child (as their asset declaration names them) working in the inspected unit (conflict of interest).',
  'field.extended_once': 'The on-site period can be extended only once.',
  'field.extension_after_due': 'An extension is decided before the on-site period ends ({{date}}).',
  'field.member_worked_there':
    '{{name}} worked in the inspected unit within the last 2 years (conflict of interest).',
  'field.owner_required': 'Choose the unit that must act, or name the outside body.',
  'field.recovery_below_recommended':
    'The recommendations ask to recover more than the conclusion found to recover.',
  'field.recommendation_closed': 'The recommendation is closed; its issuer reopens it if needed.',
  'field.files_busy':
    'The server is busy cleaning other people’s files. What you typed and the files already cleaned are kept; send again in about 30 seconds (choose again any file not listed).',
  'field.no_rule_in_force':
    'No deadline rule applies on this date (the 2025 Inspection Law applies from 01/07/2025).',
  'field.member_not_inspector': 'Team members must be inspectors of the inspectorate.',
  'field.date_too_far': 'This date is too far from the dates it goes with.',
  'field.year_future': 'The year cannot be later than this year.',
  'field.trained_above_staff': 'Staff trained cannot exceed the staff.',
  'field.after_reviewed_on': 'A document cannot be issued after the day it was reviewed.',
  'field.before_reviewed_on': 'A proposal cannot be sent before the review.',
  'field.after_reported_on': 'This date cannot be after the date it was reported.',
  'field.after_handed_over': 'The date it was received cannot be after the date it was handed over.',
  'field.name_from_account': 'The name comes from the holder’s account; correct it on the Users page.',
  'field.after_deferral': 'This date cannot be after the start of a recorded deferral.',
  'field.own_gift_hand_over':
    'You cannot record the hand-over of your own gift; someone else of the unit records it.',
  'field.period_range': 'The period must be {{min}} to {{max}} years, as the sector’s rules say.',
  'field.rotation_exempt': 'Under 18 months to retirement: not rotated (Decree 59/2019, Art. 39).',
  'field.rotation_deferred': 'Deferred for the whole year; see why in the due list.',
  'field.rotation_deferred_until': 'Deferred until {{date}}; choose a date after it.',
  'field.before_assigned': 'This date cannot be before the assignment decision.',
  'field.until_before_from': '“Until” cannot be before “From”.',
  'field.date_future': 'The date cannot be after today.',
  'field.notice_after_day': 'The notice must be issued before the day it sets.',
  'field.team_lead': 'The verification team needs exactly one leader.',
  'field.team_conflict': '{{name}} cannot be on the team (the person verified, or their spouse or child).',
  'field.step_order': 'The verification is not at this step, or is past it.',
  'field.extended_already': 'This time limit has already been extended once.',
  'field.digits': 'Digits only (at most 12).',
  'field.publication_one_year': 'One publication holds declarations of one year.',
  'field.publication_one_unit': 'The declarations are not all of one unit you receive for.',
  'field.attendance_two_thirds': 'A publication meeting needs at least two thirds of those called present.',
  'field.no_change': 'Nothing has changed.',
  'field.same_unit': 'This unit already handles the case.',
  'field.case_closed': 'The case is closed.',
  'field.case_no_referral': 'The case has no referral to an investigating body.',
  'field.case_not_found': 'No open case with this number is handled at the receiving unit or above it.',
  'field.report_in_case': 'This report already belongs to a case.',
  'field.referral_after_needs_conclusion':
    'A referral after the inspection needs the case to come from an inspection with a conclusion.',
  'field.referral_answered': 'The investigating body has already decided on this referral.',
  'field.referral_received': 'The receipt is already recorded.',
  'field.referral_complex': 'Already recorded as complex (two months).',
  'field.decided_below_recovered': 'The decided amount cannot be below what has been recovered.',
  'field.recovery_not_decided': 'Nothing is decided yet: record the decision before payments.',
  'field.recovery_above_decided': 'More than decided ({{left, number}} VND left to recover).',
  'field.clock_not_in_force': 'No deadline rule applies on this date.',
  'field.recover_above_wrongdoing': 'The amount to recover cannot exceed the wrongdoing found.',
  'field.handler_is_subject':
    'The handling unit cannot be the unit where the case happened (or one below it).',
  'field.inspects_itself': 'An inspectorate does not inspect itself or a unit it belongs to.',
  'field.subject_is_unit':
    'This is a unit of the tree: choose it from the list of units instead of typing its name.',
  'field.case_close_order': 'The case needs a conclusion before it is closed.',
  'field.not_inspectorate':
    'Choose an inspectorate (a unit whose staff are inspectors): only an inspectorate handles cases and inspections.',
  'field.report_untriaged': 'Classify the report before turning it into a case.',
  'field.required': 'This field is required.',
  'field.invalid': 'Invalid value.',
  'field.unknown': 'This field is not accepted.',
  'field.too_short': 'At least {{min}} characters.',
  'field.too_long': 'At most {{max}} characters.',
  'field.uuid': 'Invalid identifier.',
  'field.email': 'Invalid e-mail address.',
  'field.date': 'Invalid date (format yyyy-MM-dd).',
  'field.number': 'A number is required.',
  'field.too_small': 'The value must be at least {{min}}.',
  'field.too_big': 'The value must be at most {{max}}.',
  'field.choice': 'Not one of the choices; pick one from the list (codes for the API: {{options}}).',
  'field.password_policy': 'The password needs at least {{min}} characters.',
  'field.password_reused': 'The new password must differ from the current one.',
  'field.code_taken': 'This code is already used by another unit.',
  'field.username_taken': 'This user name already exists.',
  'field.email_taken': 'This e-mail address is used by another account.',
  'field.parent_cycle': 'A unit cannot be moved under itself or one of its sub-units.',
  'field.unit_archived': 'The unit is dissolved or archived.',
  'field.unit_out_of_scope': 'The unit is outside your scope.',
  'field.valid_to_before_from': 'The end date must be after the start date.',
  'field.role_scope': 'You cannot grant this role on the chosen unit.',
  'field.email_for_invite': 'The user’s own e-mail address is needed to send a set-password link.',
  'field.password_with_invite':
    'When inviting by e-mail, do not choose a password for the user: they set it through the link.',
  'field.account_disabled': 'The account is disabled.',
  'field.cooling_off_range': 'For the chosen group the period is {{min}} to {{max}} months.',
  'field.cooling_off_by_project':
    'This group lasts until the programme or project ends: give its end date, not months.',
  'field.cooling_off_by_months': 'This group is counted in months: leave the project end date empty.',
  'field.vouch_code':
    'The confirmation code is wrong. Ask the person given the role, in person: the code is on their Home page.',
  'field.draft_by_team':
    'The draft conclusion is recorded as handed in by a member of the inspection team (usually its lead).',
  'field.role_self': 'You cannot grant a role to yourself; another administrator must do it.',
  'field.role_conflict':
    'This person holds a role that cannot be combined with this one (report intake, identity custody and administration must be held by different people).',
  'field.date_range': 'Invalid date range.',
  'field.successors_required': 'Choose at least one successor unit.',

  'field.year': 'A year of four digits is required.',
  'field.own_declaration': 'Nobody handles their own declaration.',
  'import.xlsx_only': 'Use the .xlsx workbook downloaded from Liêm (one sheet per part of the form).',
  'import.not_a_choice': 'Not one of the choices: {{choices}}.',
  'import.unknown_sheet':
    'This sheet is not one of the template’s; rename it as in the template or remove it.',
  'import.sheet_twice': 'This part of the form has two sheets; keep one.',
  'import.no_declarations': 'The "Declarations" sheet is missing or has no rows.',
  'import.no_such_declaration': 'No declaration numbered "{{ref}}" on the "Declarations" sheet.',
  'import.explained_twice': 'This group is explained twice for the same declaration.',
  'import.too_many_declarations': 'At most {{max}} declarations in one file.',
  'import.no_such_declarant': 'No declarant "{{username}}" in the units you receive declarations for.',
  'import.declaration_exists': 'This person already has a declaration of this kind for this year.',
  'import.declared_before_year': 'A declaration for this year cannot be completed in an earlier year.',
  'import.received_before_declared': 'The unit cannot have received it before it was completed.',
  'import.not_on_roster': 'This person is not on an open roster of annual declarants for this year.',
  'import.choice': 'Not in the list; write one of: {{options}}.',
  'import.date': 'Invalid date; write it as dd/mm/yyyy (for example 31/12/2026).',
  'import.too_many_columns':
    'The sheet has too many columns (at most {{max}}); delete the extra columns on the right and upload it again.',
  'import.file_too_complex':
    'The file is too large or complex to read; split it, or save it again with Excel, and retry.',
  'import.codes_as_numbers':
    'This column was stored as numbers, so codes lost their leading zeros (for example "{{value}}", while the longest code has {{width}} digits). Format the column as Text in Excel, enter the full codes and upload the file again.',
  'import.confirm_move':
    'This unit would move under another parent: confirm the moves after the dry run, then commit.',
  'import.confirm_retype':
    'This unit would change type: confirm the type changes after the dry run, then commit.',
  'import.parent_needed':
    'A new unit needs its parent unit code, or choose in the wizard the unit new units go under.',
  'import.missing_column': 'Required column "{{field}}" is missing.',
  'import.unknown_parent': 'No parent unit with code "{{code}}".',
  'import.unknown_person': 'No official within your scope signs in as, or has the e-mail, "{{name}}".',
  'import.unknown_unit': 'No unit within your scope has the code "{{code}}".',
  'import.duplicate_in_file': 'Duplicate of row {{row}} in the file.',
  'import.file_unreadable': 'The file cannot be read. Use an .xlsx or a UTF-8 .csv file.',
  'import.too_many_rows': 'The file has too many rows (at most {{max}}).',
  'import.empty': 'The file has no data rows.',

  'unitType.province': 'Province',
  'unitType.city': 'Centrally-run city',
  'unitType.ward': 'Ward',
  'unitType.special_zone': 'Special zone',
  'unitType.department': 'Department or agency',
  'unitType.commune': 'Commune',
  'unitType.district': 'District (before 2025)',
  'unitType.sub_unit': 'Sub-unit',
  'unitType.enterprise': 'State-owned enterprise',
  'unitType.national': 'Central agency',

  'role.declaration_officer': 'Declaration officer (organising)',
  'role.asset_controller': 'Asset-control officer',
  'role.inspector': 'Inspector',
  'role.admin': 'System administrator',
  'role.coordinator': 'Coordinator (provincial inspectorate)',
  'role.unit_head': 'Head of unit',
  'role.focal_officer': 'Focal officer',
  'role.reviewer': 'Reviewer',
  'role.intake_officer': 'Intake officer',
  'role.custodian': 'Identity custodian',
  'role.declarant': 'Declarant',
  'role.enterprise_rep': 'Enterprise representative',
  'role.auditor': 'Auditor',

  'clockUnit.working_days': 'working days',
  'clockUnit.calendar_days': 'days',
  'clockUnit.months': 'months',

  'mail.email_changed.subject': '[Liêm] The e-mail address of your account was changed',
  'mail.email_changed.body':
    'Hello {{name}},\n\nAn administrator has just changed the e-mail address of your Liêm account; password reset links now go to the new address. If you did not ask for this, tell the inspectorate or another administrator at once.',
  'mail.reset_by_admin.subject': '[Liêm] An administrator reset your sign-in',
  'mail.reset_by_admin.body':
    'Hello {{name}},\n\nAn administrator has just reset the password or two-factor sign-in of your Liêm account. If you did not ask for this, tell the inspectorate or another administrator at once.',
  'mail.reset.subject': '[Liêm] Password reset',
  'mail.reset.body':
    'Hello {{name}},\n\nSomeone asked to reset the password of your Liêm account. Open this link within {{minutes}} minutes to choose a new password:\n\n{{link}}\n\nIf it was not you, ignore this message; your password stays as it is.',
  'mail.invite.subject': '[Liêm] Set the password of your account',
  'mail.invite.body':
    'Hello {{name}},\n\nAn administrator opened a Liêm account for you (or needs you to set your password yourself). Open this link within {{hours}} hours to choose your password — only you will know it; roles that receive reports, hold keys or approve take effect only after this step:\n\n{{link}}\n\nIf you did not expect this message, tell the inspectorate.',
  'notification.password_reset_by_admin': 'An administrator reset your password.',
  'notification.grant_added': 'You were given the role {{role}} at {{unit}}.',
  'notification.key_holder_reset':
    'An administrator reset the password or two-factor sign-in of {{user}}, who receives reports: confirm it with them in person.',
  'notification.key_holder_removed':
    '{{user}}, who receives reports, was just disabled or lost that role: check that the desk still has someone apart from every unit that may be reported.',
  'notification.overseer_disabled':
    'The account of {{user}} (coordinator or administrator) was just disabled: they no longer receive notices about the report desks.',
  'notification.overseer_removed': '{{user}} just lost a coordinator or administrator role.',
  'notification.key_holder_readdressed':
    'An administrator just changed the e-mail address (where password reset links go) of {{user}}: confirm it with them in person.',
  'notification.key_holder_new_keys':
    '{{user}}, who receives reports, made new keys (the old ones are no longer used): confirm it with them in person before activating them.',
  'notification.sensitive_grant': '{{user}} was given the role {{role}} at {{unit}}.',
  'notification.unit_move_requested':
    'Moving {{unit}} under {{parent}} is asked: another administrator must approve.',
  'notification.unit_move_approved': 'Moving {{unit}} was approved and made.',
  'notification.unit_move_rejected': 'Moving {{unit}} was not approved.',
  'field.move_waiting': 'A move of this unit is already waiting for approval.',
  'field.move_changed':
    'The unit or where it would go was renamed or recoded after the move was asked: reject it and ask again.',
  'notification.grant_awaiting_approval':
    '{{user}} is proposed for the role {{role}} at {{unit}}: another administrator must approve.',
  'notification.keys_awaiting_activation':
    '{{user}} ({{role}}, {{unit}}) is waiting for report keys to be activated.',
  'export.no': 'No.',
  'export.plan_sheet': 'Plan',
  'export.progress_sheet': 'Progress',
  'export.expected_output': 'Expected output',
  'export.progress_pct': 'Progress (%)',
  'export.review': 'Review',
  'export.ranking_sheet': 'Ranking',
  'export.head': 'Head of unit',
  'export.points': '{{code}}. {{title}} ({{points}})',
  ...uiEn,
};
