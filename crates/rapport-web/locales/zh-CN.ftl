# Rapport 网页工作台，简体中文。
nav-skip = 跳到正文
nav-label = 主导航
nav-today = 今日
nav-inbox = 收件箱
nav-settings = 设置
nav-search = 搜索
nav-search-soon = 搜索功能将在后续版本上线
nav-sign-out = 退出登录

sign-in-title = 登录
sign-in-lead = 请登录您的客户工作台。
sign-in-email = 邮箱地址
sign-in-password = 密码
sign-in-submit = 登录
sign-in-expired = 表单已过期，请重新登录。
sign-in-throttled = 登录失败次数过多，请 { $minutes } 分钟后再试。
sign-in-wrong = 邮箱地址或密码错误。

today-title = 今日
today-count = 现在需要处理的事项：{ $count } 项
today-whose = 查看范围
today-all = 我负责的全部客户
today-mine = 只看我的
today-empty = 目前没有需要您处理的事项，辛苦了。
today-draft = 草稿
today-use-draft = 用这份草稿回复
today-greeting = { $name }，您好

agenda-kind-commitment_overdue = 已逾期的承诺
agenda-kind-sla_breached = 已超出 SLA
agenda-kind-final_communication_pending = 尚未发送结案沟通
agenda-kind-materials_overdue = 资料逾期未到
agenda-kind-sla_warning = 即将超出 SLA
agenda-kind-triage = 未知发件人的邮件
agenda-kind-commitment_due = 一天内到期的承诺
agenda-kind-materials_reminder = 资料催办日
agenda-kind-progress_report_due = 该发进度报告了
agenda-kind-check_in_due = 该主动问候了
agenda-kind-meeting_due = 例会待约时间
agenda-kind-posture_play = 根据客户状态主动出击
agenda-kind-clarification_pending = 等待客户答复

agenda-reason-commitment_overdue = 我们承诺在 { $due } 前完成，但还没有做到。
agenda-reason-sla_breached = 已于 { $due } 超出 SLA 目标，且仍未达成。
agenda-reason-final_communication_pending = 已处理完毕，但还没有告知客户做了什么，也没有询问能否结案。
agenda-reason-materials_overdue = 客户本应在 { $due } 前提供，我们自己的交期可能因此受影响。
agenda-reason-sla_warning = SLA 目标即将到期：{ $due }。
agenda-reason-triage = 发件人不属于任何已知客户。
agenda-reason-commitment_due = 我们承诺在 { $due } 前完成。
agenda-reason-materials_reminder = 今天是催办日，客户需在 { $due } 前提供资料。
agenda-reason-progress_report_due = 该发进度报告了：已完成什么、下一步做什么、需要客户配合什么。
agenda-reason-check_in_due = 双方已有一段时间没有联系，在客户担心之前主动问候一下。
agenda-reason-meeting_due = 例会时间到了（{ $due }），请约定时间。
agenda-reason-posture_play = 根据客户当前的状态，该由我们主动出击了。
agenda-reason-clarification_pending = 正在等待客户答复我们提出的问题。

inbox-title = 收件箱
inbox-count = 共 { $count } 个需求
inbox-keys = 移动和打开
inbox-state = 状态
inbox-any = 全部
inbox-client = 客户
inbox-assignee = 负责人
inbox-anyone = 所有人
inbox-me = 我
inbox-apply = 筛选
inbox-empty = 没有符合条件的需求。
inbox-subject = 主题
inbox-due = 截止
inbox-received = 收到时间
inbox-older = 更早的需求

inbox-language = 语言
inbox-sort = 排序
sort-newest = 最新优先
sort-due = 截止最近优先
due-overdue = 已逾期
due-today = 今天截止
due-week = 一周内截止
inbox-views = 已保存的视图
inbox-all = 全部
inbox-view-name = 为视图命名
inbox-save-view = 保存视图
inbox-delete-view = 删除视图

state-new = 新建
state-clarifying = 确认中
state-in_progress = 处理中
state-waiting_on_client = 等待客户
state-resolved = 已解决
state-final_sent = 已发结案沟通
state-closed = 已关闭
state-reopened = 重新打开

move-clarifying = 先向客户确认
move-in_progress = 开始处理
move-waiting_on_client = 等待客户
move-resolved = 标记为已解决
move-closed = 关闭
move-reopened = 重新打开

request-received = 收到
request-due = 截止
request-thread = 往来记录
request-final-badge = 结案沟通
request-new-badge = 打开后新到的
request-moves = 下一步
request-no-moves = 当前状态下没有可手动进行的操作。
request-write-final = 撰写结案沟通
request-promises = 我们的承诺
request-materials = 等待客户提供的资料
request-none = 暂无。

direction-inbound = 来自客户
direction-outbound = 我们的回复
direction-note = 内部备注

card-title = 解读
card-deadline = 真实截止时间
card-vague = 不明确
card-none = 未提及
card-urgency = 紧急程度
card-requester = 发件人背后的人
card-purpose = 用途
card-no-time = 未说明时间

requester-executives = 公司高层
requester-boss = 领导
requester-ceo = 老板（CEO）
requester-director = 总监
requester-board = 董事会
purpose-executive_meeting = 高层会议
purpose-budget = 预算决策
purpose-press = 媒体发布
purpose-pitch = 提案或比稿
purpose-quarterly_report = 季度汇报
purpose-internal_sharing = 内部分享
purpose-board_meeting = 董事会
purpose-monthly_report = 月度汇报
purpose-weekly_report = 周报

urgency-urgent = 紧急
urgency-normal = 普通
urgency-low = 低

composer-title = 回复
composer-open-questions = 尚待确认：
composer-use-clarifying = 使用确认问题的回复
composer-body = 回复内容
composer-final = 这是结案沟通
composer-hint = Ctrl+Enter 发送；Enter 换行（输入法选字时不会发送）。
composer-send = 发送

question-deadline = 截止时间
question-audience = 给谁看
question-purpose = 用途
question-acceptance = 验收标准
question-materials = 所需资料
question-budget = 预算

sla-title = 服务水平（SLA）
sla-paused = 已暂停
sla-first_response = 首次响应
sla-next_response = 下次响应
sla-resolution = 解决
sla-breached = 已超时

outbound-title = 客户将这样读到
outbound-nothing = 没有承诺、没有请求，也没有需要修改的地方。
outbound-promises = 将被跟踪的承诺
outbound-vague = 未说明时间：按一个工作日计
outbound-asks = 将被催办的请求
outbound-findings = 发送前建议修改
outbound-suggestion = 可以改为：

lint-bad_news_opening = 坏消息的开场方式
lint-blame = 归咎于客户
lint-over_promise = 过度承诺
lint-jargon = 专业术语
lint-missing_next_step = 没有下一步
lint-unanswered_question = 未回答的问题

reply-stale = 您撰写期间新到了 { $count } 条消息，回复尚未发送。请先阅读下方的新消息，再重新发送。

error-not-found = 该页面不存在，或您没有访问权限。
error-forbidden = 您的角色无权进行此操作。
error-internal = 系统出现问题，请稍后再试。
error-filter = “{ $field }”的值无效。
error-partial-only = 此地址仅用于页面的实时更新。

client-posture = 客户状态
client-play = 应对策略：
client-health = 健康度
client-health-history = 近 90 天健康度
client-days = { $count } 天
client-no-history = 系统每天记录一次，历史会逐渐积累。
client-members = 负责该客户的同事
client-add-member = 按邮箱添加同事
client-add = 添加
client-contacts = 联系人
client-name = 姓名
client-role = 职务
client-reports-to = 上级
client-email = 邮箱
client-non-technical = 非技术人员
client-engagements = 合同
client-scope-in = 范围内
client-scope-out = 范围外

posture-steady = 平稳
posture-pushing = 冲刺期
posture-quiet = 沉寂
posture-tired = 疲惫或犹豫
posture-in_trouble = 遇到麻烦
play-steady = 保持现有节奏。
play-pushing = 快速执行，不讨价还价：这是客户的忙碌期，确认时间并按时交付。
play-quiet = 主动提供价值：上期回顾、下期策略、竞品案例。
play-tired = 给出明确建议：只提一个方案并说明理由，请客户拍板。
play-in_trouble = 全力支援：打电话，指定一位负责人，每天汇报进展直到问题解决。

settings-title = 设置
settings-language = 界面语言
settings-language-browser = 跟随浏览器
settings-save = 保存
settings-time-zone = 您的时区
settings-time-zone-hint = 所有页面的时间都按此时区显示（例如 Asia/Shanghai）；留空则为 UTC。
settings-sessions = 已登录的设备
settings-signed-in = 登录时间
settings-last-seen = 最近使用
settings-address = 地址
settings-browser = 浏览器
settings-this-session = 当前设备
settings-end-session = 让其退出
settings-sign-out-everywhere = 退出所有设备
settings-users = 用户
settings-role = 角色
settings-status = 状态
settings-disabled = 已停用
settings-active = 正常
settings-calendars = 工作日历
settings-more-in-cli = 工作时间可用 `rapport calendar hours` 修改。

settings-tokens = API 令牌
settings-created = 创建时间
settings-revoked = 已吊销
settings-revoke = 吊销
settings-token-name = 新令牌的名称
settings-token-create = 创建令牌
settings-token-made = 这是您的新 API 令牌（仅显示这一次，请妥善保管）：{ $token }
settings-enable = 启用
settings-disable = 停用
settings-add-user = 添加用户
settings-reopen = 恢复为工作日
settings-close-day = 添加休息日
settings-closed-why = 原因（例如：公司年假）
settings-close = 设为休息日
settings-sla-policies = SLA 策略
settings-mailboxes = 邮箱
settings-last-sync = 最近收信
calendar-jp = 日本
calendar-cn = 中国大陆
calendar-none = 仅周末休息

role-admin = 管理员
role-manager = 经理
role-agent = 客服
