# Rapport ウェブデスク、日本語。
nav-skip = 本文へ移動
nav-label = メイン
nav-today = 今日
nav-inbox = 受信箱
nav-settings = 設定
nav-search = 検索
nav-search-soon = 検索は次のリリースで使えるようになります
nav-sign-out = ログアウト

sign-in-title = ログイン
sign-in-lead = クライアントデスクにログインしてください。
sign-in-email = メールアドレス
sign-in-password = パスワード
sign-in-submit = ログイン
sign-in-expired = フォームの有効期限が切れました。もう一度ログインしてください。
sign-in-throttled = 失敗が続いたため、ログインを一時的に制限しています。{ $minutes }分後にもう一度お試しください。
sign-in-wrong = メールアドレスまたはパスワードが違います。

today-title = 今日
today-count = 今すぐ対応が必要な項目：{ $count }件
today-whose = 表示範囲
today-all = 担当クライアントすべて
today-mine = 自分の分だけ
today-empty = 今すぐ対応が必要な項目はありません。お疲れさまです。
today-draft = 下書き
today-use-draft = この下書きで返信する
today-greeting = { $name }さん、こんにちは

agenda-kind-commitment_overdue = 期限を過ぎた約束
agenda-kind-sla_breached = SLA 超過
agenda-kind-final_communication_pending = 完了報告が未送信
agenda-kind-materials_overdue = 資料の受領遅れ
agenda-kind-sla_warning = SLA 超過のおそれ
agenda-kind-triage = 差出人不明のメール
agenda-kind-commitment_due = 1日以内に期限が来る約束
agenda-kind-materials_reminder = 資料のリマインド日
agenda-kind-progress_report_due = 進捗報告の時期
agenda-kind-check_in_due = ご様子伺いの時期
agenda-kind-meeting_due = 定例の日程調整
agenda-kind-posture_play = 先方の状況に応じた一手
agenda-kind-clarification_pending = 先方の回答待ち

agenda-reason-commitment_overdue = { $due }までとお約束しましたが、まだ対応できていません。
agenda-reason-sla_breached = { $due }の SLA 目標を過ぎ、まだ満たせていません。
agenda-reason-final_communication_pending = 対応は完了していますが、実施内容のご報告とクローズのご確認をまだお送りしていません。
agenda-reason-materials_overdue = { $due }までにいただく予定でした。こちらの納期に影響するおそれがあります。
agenda-reason-sla_warning = SLA 目標の期限が近づいています：{ $due }
agenda-reason-triage = どのクライアントか分からない差出人からのメールです。
agenda-reason-commitment_due = { $due }までとお約束しています。
agenda-reason-materials_reminder = { $due }までにいただく資料のリマインド日です。
agenda-reason-progress_report_due = 進捗報告の時期です。実施したこと、次の予定、お願いしたいことをお伝えしましょう。
agenda-reason-check_in_due = しばらくやり取りがありません。先方が気にされる前にご様子を伺いましょう。
agenda-reason-meeting_due = 定例ミーティングの時期です（{ $due }）。日程を調整しましょう。
agenda-reason-posture_play = 先方の状況から、こちらから一手打つ時です。
agenda-reason-clarification_pending = 確認事項へのご回答をお待ちしています。

inbox-title = 受信箱
inbox-count = { $count }件の依頼
inbox-keys = で移動・開く
inbox-state = 状態
inbox-any = すべて
inbox-client = クライアント
inbox-assignee = 担当者
inbox-anyone = 全員
inbox-me = 自分
inbox-apply = 絞り込む
inbox-empty = 該当する依頼はありません。
inbox-subject = 件名
inbox-due = 期限
inbox-received = 受付
inbox-older = さらに古い依頼

inbox-language = 言語
inbox-sort = 並び順
sort-newest = 新しい順
sort-due = 期限が近い順
due-overdue = 期限切れ
due-today = 今日が期限
due-week = 1週間以内が期限
inbox-views = 保存したビュー
inbox-all = すべて
inbox-view-name = ビューの名前
inbox-save-view = ビューを保存
inbox-delete-view = ビューを削除

state-new = 新規
state-clarifying = 確認中
state-in_progress = 対応中
state-waiting_on_client = 先方待ち
state-resolved = 対応完了
state-final_sent = 完了報告済み
state-closed = クローズ
state-reopened = 再オープン

move-clarifying = 先に確認する
move-in_progress = 対応を始める
move-waiting_on_client = 先方待ちにする
move-resolved = 対応完了にする
move-closed = クローズする
move-reopened = 再オープンする

request-received = 受付
request-due = 期限
request-thread = やり取り
request-final-badge = 完了報告
request-new-badge = 開いた後に届いたもの
request-moves = 次の一手
request-no-moves = ここから手動で変えられる状態はありません。
request-write-final = 完了報告を書く
request-promises = こちらの約束
request-materials = お待ちしている資料
request-none = まだありません。

direction-inbound = 先方から
direction-outbound = こちらの返信
direction-note = 社内メモ

card-title = 読み解き
card-deadline = 本当の期限
card-vague = あいまい
card-none = 記載なし
card-urgency = 緊急度
card-requester = 依頼の背後にいる人
card-purpose = 用途
card-no-time = 期限の記載なし

requester-executives = 経営陣
requester-boss = 上司
requester-ceo = 社長
requester-director = 部長・役員
requester-board = 取締役会
purpose-executive_meeting = 経営会議
purpose-budget = 予算の判断
purpose-press = 報道・プレス向け
purpose-pitch = 提案・プレゼン
purpose-quarterly_report = 四半期報告
purpose-internal_sharing = 社内共有
purpose-board_meeting = 取締役会
purpose-monthly_report = 月次報告
purpose-weekly_report = 週次報告

urgency-urgent = 至急
urgency-normal = 通常
urgency-low = 低

composer-title = 返信
composer-open-questions = 未確認の点：
composer-use-clarifying = 確認の返信文を使う
composer-body = 返信内容
composer-final = これを完了報告として送る
composer-hint = Ctrl+Enter で送信。Enter は改行（変換の確定では送信しません）。
composer-send = 送信

question-deadline = 期限
question-audience = 提出先
question-purpose = 用途
question-acceptance = 完了の基準
question-materials = 必要な資料
question-budget = 予算

sla-title = SLA
sla-paused = 一時停止中
sla-first_response = 初回応答
sla-next_response = 次回応答
sla-resolution = 解決
sla-breached = 超過

outbound-title = 先方にはこう読まれます
outbound-nothing = 約束・お願い・直したほうがよい点はありません。
outbound-promises = 追跡される約束
outbound-vague = 期限なし：1営業日後とします
outbound-asks = リマインドされるお願い
outbound-findings = 送る前に見直したい点
outbound-suggestion = 言い換え例：

lint-bad_news_opening = 悪い知らせの切り出し方
lint-blame = 先方のせいにしている
lint-over_promise = 約束しすぎ
lint-jargon = 専門用語
lint-missing_next_step = 次の手がない
lint-unanswered_question = 答えていない質問

reply-stale = 書いている間に新しいメッセージが{ $count }件届きました。返信はまだ送っていません。下の新着を読んでから、もう一度送信してください。

error-not-found = このページは存在しないか、閲覧する権限がありません。
error-forbidden = この操作はあなたの役割では行えません。
error-internal = システム側で問題が起きました。もう一度お試しください。
error-filter = 「{ $field }」の値が正しくありません。
error-partial-only = このアドレスはページの自動更新専用です。

client-posture = 先方の状況
client-play = 打つべき一手：
client-health = 健全度
client-health-history = 直近90日の健全度
client-days = { $count }日分
client-no-history = 履歴は1日1回の記録で少しずつ増えていきます。
client-members = 社内の担当メンバー
client-add-member = メールアドレスでメンバーを追加
client-add = 追加
client-contacts = 先方のご担当者
client-name = 名前
client-role = 役職
client-reports-to = 上長
client-email = メール
client-non-technical = 技術者ではない
client-engagements = 契約
client-scope-in = 範囲内
client-scope-out = 範囲外

posture-steady = 平常
posture-pushing = 攻めの時期
posture-quiet = 静か
posture-tired = お疲れ・迷い
posture-in_trouble = トラブル中
play-steady = いつものペースを守りましょう。
play-pushing = 値切らず、すばやく実行しましょう。先方の繁忙期です。日程を確定して納めましょう。
play-quiet = こちらから価値を提案しましょう。振り返り、次期の戦略、競合の事例など。
play-tired = はっきりした推奨を示しましょう。理由を添えて案を一つに絞り、ご了承をいただきましょう。
play-in_trouble = 総力で支援しましょう。電話し、責任者を一人決め、収束まで毎日進捗をご報告しましょう。

settings-title = 設定
settings-language = 表示言語
settings-language-browser = ブラウザの設定に従う
settings-save = 保存
settings-time-zone = あなたのタイムゾーン
settings-time-zone-hint = すべての画面の日時をこのタイムゾーンで表示します（例：Asia/Tokyo）。空欄の場合は UTC です。
settings-sessions = ログイン中の端末
settings-signed-in = ログイン日時
settings-last-seen = 最終利用
settings-address = アドレス
settings-browser = ブラウザ
settings-this-session = この端末
settings-end-session = ログアウトさせる
settings-sign-out-everywhere = すべての端末からログアウト
settings-users = ユーザー
settings-role = 役割
settings-status = 状態
settings-disabled = 停止中
settings-active = 有効
settings-calendars = 営業日カレンダー
settings-more-in-cli = 営業時間は `rapport calendar hours` で変更できます。

settings-tokens = API トークン
settings-created = 作成日時
settings-revoked = 失効済み
settings-revoke = 失効させる
settings-token-name = 新しいトークンの名前
settings-token-create = トークンを作成
settings-token-made = 新しい API トークンです（表示は今回限りです。他人に知られないよう保管してください）：{ $token }
settings-enable = 有効にする
settings-disable = 停止する
settings-add-user = ユーザーを追加
settings-reopen = 営業日に戻す
settings-close-day = 休業日を追加
settings-closed-why = 理由（例：年末年始休業）
settings-close = 休業にする
settings-sla-policies = SLA ポリシー
settings-mailboxes = メールボックス
settings-last-sync = 最終受信
calendar-jp = 日本
calendar-cn = 中国本土
calendar-none = 土日のみ休み

role-admin = 管理者
role-manager = マネージャー
role-agent = 担当者
