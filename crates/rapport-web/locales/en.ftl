# Rapport's web desk, English.
nav-skip = Skip to content
nav-label = Main
nav-today = Today
nav-inbox = Inbox
nav-notifications = Notifications
nav-unread = { $count } unread
notifications-title = Notifications
notifications-empty = Nothing to tell you yet.
notifications-mark-read = Mark read
nav-settings = Settings
nav-search = Search
nav-search-soon = Search arrives with its own release
nav-sign-out = Sign out

sign-in-title = Sign in
sign-in-lead = Sign in to your client desk.
sign-in-email = E-mail address
sign-in-password = Password
sign-in-submit = Sign in
sign-in-expired = This form has expired. Please sign in again.
sign-in-throttled = Too many failed attempts. Try again in { $minutes } min.
sign-in-wrong = Wrong e-mail address or password.

today-title = Today
today-count = { $count ->
    [one] One thing needs a person now
   *[other] { $count } things need a person now
}
today-whose = Whose agenda
today-all = All my clients
today-mine = Only mine
today-empty = Nothing needs you right now. Well done.
today-draft = Draft
today-use-draft = Reply with this draft
today-greeting = Good day, { $name }

agenda-kind-commitment_overdue = Promises we broke
agenda-kind-sla_breached = Service levels missed
agenda-kind-final_communication_pending = Final communication owed
agenda-kind-materials_overdue = Materials late
agenda-kind-sla_warning = Service levels at risk
agenda-kind-triage = Mail from unknown senders
agenda-kind-commitment_due = Promises due within a day
agenda-kind-materials_reminder = Materials reminders
agenda-kind-progress_report_due = Progress reports due
agenda-kind-check_in_due = Check-ins due
agenda-kind-meeting_due = Meetings to arrange
agenda-kind-posture_play = Client postures to act on
agenda-kind-clarification_pending = Waiting on the client's answers

agenda-reason-commitment_overdue = We promised this for { $due } and have not done it.
agenda-reason-sla_breached = A service-level target was missed at { $due } and is still unmet.
agenda-reason-final_communication_pending = Resolved, but the client has not been told what was done and asked whether we may close.
agenda-reason-materials_overdue = The client was to send this by { $due }; our own dates may depend on it.
agenda-reason-sla_warning = A service-level target is near its limit: due { $due }.
agenda-reason-triage = Mail from a sender no client is known for.
agenda-reason-commitment_due = We promised this for { $due }.
agenda-reason-materials_reminder = A reminder day for what the client is to send by { $due }.
agenda-reason-progress_report_due = A progress report is due: what was done, what is next, what we need.
agenda-reason-check_in_due = No contact either way for a while: check in before the client wonders.
agenda-reason-meeting_due = The regular meeting is due { $due }: agree on a time.
agenda-reason-posture_play = The client's posture calls for a play.
agenda-reason-clarification_pending = Waiting on the client's answers to our questions.

inbox-title = Inbox
inbox-count = { $count ->
    [one] 1 request
   *[other] { $count } requests
}
inbox-keys = to move and open
inbox-state = State
inbox-any = Any
inbox-client = Client
inbox-assignee = Assignee
inbox-anyone = Anyone
inbox-me = Me
inbox-apply = Filter
inbox-empty = No request matches.
inbox-subject = Subject
inbox-due = Due
inbox-received = Received
inbox-older = Older requests

inbox-language = Language
inbox-sort = Order
sort-newest = Newest first
sort-due = Soonest due first
due-overdue = Overdue
due-today = Due today
due-week = Due within a week
inbox-views = Saved views
inbox-all = All
inbox-view-name = Name this view
inbox-save-view = Save view
inbox-delete-view = Delete view

state-new = New
state-clarifying = Clarifying
state-in_progress = In progress
state-waiting_on_client = Waiting on client
state-resolved = Resolved
state-final_sent = Final sent
state-closed = Closed
state-reopened = Reopened

move-clarifying = Ask the client first
move-in_progress = Start work
move-waiting_on_client = Wait on the client
move-resolved = Mark resolved
move-closed = Close
move-reopened = Reopen

request-received = Received
request-due = Due
request-thread = Thread
request-final-badge = Final communication
request-new-badge = New since you opened
request-moves = Next step
request-no-moves = No move by hand from here.
request-write-final = Write the final communication
request-promises = Our promises
request-materials = Materials we await
request-none = None yet.

direction-inbound = from the client
direction-outbound = our reply
direction-note = internal note

card-title = Decoded
card-deadline = Real deadline
card-vague = vague
card-none = not said
card-urgency = Urgency
card-requester = Behind the sender
card-purpose = What it is for
card-no-time = no time said

requester-executives = the executives
requester-boss = their boss
requester-ceo = the CEO
requester-director = a director
requester-board = the board
purpose-executive_meeting = an executive meeting
purpose-budget = a budget decision
purpose-press = the press
purpose-pitch = a pitch or proposal
purpose-quarterly_report = a quarterly report
purpose-internal_sharing = sharing inside their company
purpose-board_meeting = a board meeting
purpose-monthly_report = a monthly report
purpose-weekly_report = a weekly report
purpose-report = a report to their management
purpose-approval = a sign-off
purpose-meeting = a meeting
purpose-event = an event
purpose-client_demo = a demo for their customer

urgency-urgent = Urgent
urgency-normal = Normal
urgency-low = Low

composer-title = Reply
composer-open-questions = Still open:
composer-use-clarifying = Use the clarifying reply
composer-body = Your reply
composer-final = This is the final communication
composer-hint = Ctrl+Enter sends. Enter adds a line.
composer-send = Send

question-deadline = deadline
question-audience = audience
question-purpose = purpose
question-acceptance = acceptance
question-materials = materials
question-budget = budget

sla-title = Service level
sla-paused = paused
sla-first_response = First response
sla-next_response = Next response
sla-resolution = Resolution
sla-breached = Missed

outbound-title = As the client will read it
outbound-nothing = No promise, no request and nothing to fix.
outbound-promises = Promises that will be tracked
outbound-vague = no time said: one working day
outbound-asks = Requests that will be reminded
outbound-findings = Worth fixing before you send
outbound-suggestion = Try:

lint-bad_news_opening = Bad-news opening
lint-blame = Blame
lint-over_promise = Over-promise
lint-jargon = Jargon
lint-missing_next_step = No next step
lint-unanswered_question = Unanswered question

reply-stale = { $count ->
    [one] Something new arrived while you were writing. Your reply was not sent: read the new message below, then send again.
   *[other] { $count } new messages arrived while you were writing. Your reply was not sent: read them below, then send again.
}

error-not-found = This page does not exist, or you do not have access to it.
error-forbidden = Your role does not allow this.
error-internal = Something went wrong on our side. Please try again.
error-filter = The value of “{ $field }” is not valid.
error-partial-only = This address only serves the page's live updates.

client-posture = Posture
client-play = The play:
client-health = Health
client-health-history = Health over the last 90 days
client-days = { $count ->
    [one] 1 day
   *[other] { $count } days
}
client-no-history = The history fills in as the desk runs, one reading a day.
client-members = Who works this client
client-add-member = Add a person by e-mail
client-remove-member = remove
client-add = Add
client-contacts = Contacts
client-name = Name
client-role = Role
client-reports-to = Reports to
client-email = E-mail
client-non-technical = not technical
client-engagements = Engagements
client-scope-in = In scope
client-scope-out = Out of scope

reason-incidents_and_anger = { $a } incident or complaint message(s) and { $b } frustrated or angry one(s) in the last 28 days
reason-requests_above_usual = { $a } requests in the last 28 days, against { $b } usually
reason-requests_below_usual = { $a } requests in the last 28 days, against { $b } usually
reason-urgent_share = { $a } of { $b } messages urgent in the last 28 days
reason-revisions_share = { $a } of { $b } messages ask for changes in the last 28 days
reason-slower_answers = Answers take { $a } days, against { $b } usually
reason-silent_days = No message from the client for { $a } days
reason-unmet_breaches = { $a } SLA target(s) missed and still unmet
reason-recent_breaches = { $a } SLA breach(es) in the last 28 days
reason-overdue_promises = { $a } promise(s) of ours overdue
reason-skipped_finals = { $a } request(s) closed without a final communication in the last 28 days
reason-anger_rising = Frustrated or angry in { $a }% of messages, up from { $b }%
reason-out_of_scope = { $a } requests outside the agreed scope in the last 28 days

posture-steady = Steady
posture-pushing = Pushing
posture-quiet = Quiet
posture-tired = Tired or undecided
posture-in_trouble = In trouble
play-steady = Keep the cadence.
play-pushing = Execute fast and without bargaining: this is their busy time. Confirm dates and deliver.
play-quiet = Offer proactive value: a review of the last period, a strategy for the next, a competitor's case.
play-tired = Lead with a clear recommendation: one option with its reasons, and ask for a yes.
play-in_trouble = Mobilise to help: call, name one owner, and report progress daily until it is over.

settings-title = Settings
settings-language = Language
settings-language-browser = As my browser asks
settings-save = Save
settings-time-zone = Your time zone
settings-time-zone-hint = Times on every page are shown in this zone (IANA name, such as Asia/Tokyo); empty: UTC.
settings-sessions = Where you are signed in
settings-signed-in = Signed in
settings-last-seen = Last seen
settings-address = Address
settings-browser = Browser
settings-this-session = This browser
settings-end-session = Sign out there
settings-sign-out-everywhere = Sign out everywhere
settings-users = Users
settings-role = Role
settings-status = Status
settings-disabled = Turned off
settings-active = Active
settings-calendars = Business calendars
settings-hours = Working hours
settings-hours-invalid = Write working hours as start-end on the 24-hour clock, such as 09:00-18:00.
settings-sla-add = Add a policy
settings-sla-edit = Change
settings-sla-delete = Delete this policy
settings-sla-warn = Warn at (%)
settings-sla-hint = Targets are working time: 30m, 4h, 3d (a day is one working day of 09:00-18:00) or 1d4h.

settings-tokens = API tokens
settings-created = Created
settings-revoked = revoked
settings-revoke = Revoke
settings-token-name = New token's name
settings-token-create = Create token
settings-token-made = Your new API token (shown only now; keep it secret): { $token }
settings-enable = Turn on
settings-disable = Turn off
settings-add-user = Add a person
settings-reopen = open again
settings-close-day = Close a day
settings-closed-why = Why (e.g. company holiday)
settings-close = Close
settings-sla-policies = SLA policies
settings-mailboxes = Mailboxes
settings-last-sync = Last read
settings-mailbox-add = Read a mailbox
settings-mailbox-hint = IMAP over TLS (imaps://user@host/INBOX; plain imap:// only on this machine). The password is kept sealed with the desk's key; the server starts reading within a minute and marks what it filed as seen.
calendar-jp = Japan
calendar-cn = Mainland China
calendar-none = Weekends only

role-admin = Admin
role-manager = Manager
role-agent = Agent

## Two-step sign-in
second-factor-title = Two-step sign-in
second-factor-on = On
second-factor-off = Off
second-factor-since = On since { $when }: after your password, the desk asks for a code from your authenticator app.
second-factor-lead = After your password, the desk also asks for a six-digit code from an authenticator app on your phone (Google Authenticator, Microsoft Authenticator, 1Password and the like), so a stolen password alone opens nothing.
second-factor-manage = Set up or change two-step sign-in
second-factor-start = Set up two-step sign-in
second-factor-setup = Set up your authenticator app
second-factor-step-scan = Scan this QR code with your authenticator app.
second-factor-step-type = Or type this key by hand:
second-factor-step-confirm = Type the six-digit code the app now shows.
second-factor-code = Code
second-factor-verify = Verify
second-factor-wrong = That code is wrong or was used already. Type the code your app shows now.
second-factor-codes = Your recovery codes
second-factor-codes-lead = Each of these codes signs you in once if you lose your phone. Save them somewhere safe now (a password manager, or printed): they are not shown again.
second-factor-codes-saved = I have saved them: continue
second-factor-codes-left = Unused recovery codes: { $count }
second-factor-codes-renew = Make new recovery codes
second-factor-turn-off = Turn two-step sign-in off
second-factor-required-here = Your role must sign in with two steps, so it cannot be turned off here. If you lose your phone, use a recovery code or ask an admin to reset it.
second-factor-role-requires = Your role must sign in with two steps. Set it up to continue.
second-factor-code-title = Code from your app
second-factor-code-lead = Type the six-digit code your authenticator app shows for Rapport.
second-factor-code-recovery = Lost your phone? Type one of your recovery codes instead.
second-factor-cancel = Cancel and sign out
second-factor-reset = Reset
second-factor-required = Two-step sign-in required for
second-factor-required-hint = People in these roles set it up at their next sign-in. Reset a person's second factor when they lose their phone; they are signed out everywhere.

## Engagement terms
client-terms-sla = SLA policy
client-terms-hours = Working hours
client-terms-calendar-hours = the calendar's
client-terms-report = Progress report every (working days)
client-terms-check-in = Check-in after (days without contact)
client-terms-meeting = Meeting every (weeks)
client-terms-auto-close = Close after an unanswered final communication (working days)
client-terms-none = none
client-terms-edit = Change how this engagement is served
