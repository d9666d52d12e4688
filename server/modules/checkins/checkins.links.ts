/** The links a check-in message carries: the answer page, one-tap answers, and the push API. */
export function answerLinks(publicUrl: string, token: string) {
  const base = publicUrl.replace(/\/+$/, '');
  const page = `${base}/c/${token}`;
  return { page, fine: `${page}?answer=fine`, talk: `${page}?answer=talk`, api: `${base}/api/v1/public/checkins/${token}` };
}
