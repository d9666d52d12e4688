/**
 * Japanese labels for codes in exported files (column values people read in Excel). The same
 * words as the console's ja locale; exports are written in Japanese whatever the UI language,
 * since they go into municipal paperwork.
 */
export const ROLES_JA: Record<string, string> = {
  hub_staff: 'ハブ専門職',
  hub_lead: 'ハブ責任者',
  outreach: 'アウトリーチ',
  partner: '見守り協力事業者',
  supporter: '見守りサポーター',
  coordinator: '事務局',
  counselor: '相談員',
  helper: 'ソーシャルメイト',
  analyst: '政策担当',
  admin: 'システム管理者',
};

export const URGENCY_JA: Record<string, string> = {
  emergency: '緊急',
  high: '高',
  normal: '中',
  low: '低',
};

export const CASE_STATUS_JA: Record<string, string> = {
  open: '対応待ち',
  supporting: '支援中',
  closed: '終結',
};

export const OUTCOME_JA: Record<string, string> = {
  connected_to_services: 'サービスにつながった',
  resolved: '解決',
  no_concern_found: '心配な状況はなかった',
  moved_away: '転居',
  deceased: '死亡',
  declined_support: '支援を希望しない',
  other: 'その他',
};

export const AUDIT_ACTIONS_JA: Record<string, string> = {
  read: '閲覧',
  create: '作成',
  update: '更新',
  triage: 'トリアージ',
  merge: '統合',
  search: '検索',
  login: 'ログイン',
  login_failed: 'ログイン失敗',
  logout: 'ログアウト',
  export: '出力',
  password_change: 'パスワード変更',
  denied: '拒否された操作',
};

export const AUDIT_ENTITIES_JA: Record<string, string> = {
  person: '対象者',
  case: 'ケース',
  concern: '気づき',
  household: '世帯',
  account: 'アカウント',
  session: 'セッション',
  referral: 'つなぎ',
  partner: '協力事業者',
  agreement: '協定',
  device: '端末・機器',
  api_key: 'API キー',
  alert: 'アラート',
  checkin: '定期連絡',
  photo: '写真',
  settings: '設定',
  notification: '通知',
  route: '画面・API',
  kpi: 'KPI集計',
  audit_log: '監査ログ',
};

export const PARTNER_KINDS_JA: Record<string, string> = {
  newspaper: '新聞販売',
  utility: '電気・ガス・水道',
  delivery: '配送・宅配',
  finance: '金融機関',
  retail: '小売・コンビニ',
  care: '介護・福祉事業者',
  cooperative: '生協',
  other: 'その他',
};

export const PARTNER_STATUS_JA: Record<string, string> = {
  active: '有効',
  suspended: '停止中',
  ended: '終了',
};

export const SEVERITY_JA: Record<string, string> = { critical: '緊急', high: '高', medium: '中', low: '低' };

/** The label of a code, or the code itself when unknown (never empty). */
export function label(map: Record<string, string>, code: string | null | undefined): string {
  return code ? (map[code] ?? code) : '';
}
