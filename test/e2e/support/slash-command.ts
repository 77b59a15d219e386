import { createHmac } from 'node:crypto';

// A slash command or an interaction as Slack delivers it to the HTTP receiver: form-encoded,
// signed with the app's signing secret (v0 HMAC-SHA256 over "v0:timestamp:body").

export interface SignedCommand {
  status: number;
  /** The x-slack-signature sent, so tests can check it never reaches a log. */
  signature: string;
}

export async function sendSlashCommand(options: {
  port: number;
  signingSecret: string;
  text: string;
  responseUrl: string;
}): Promise<SignedCommand> {
  const body = new URLSearchParams({
    command: '/estimate',
    text: options.text,
    channel_id: 'C0ALERTS',
    user_id: 'U0E2E',
    team_id: 'T0001',
    response_url: options.responseUrl,
    trigger_id: 'trigger-e2e',
  }).toString();
  return sendSigned(options.port, options.signingSecret, body);
}

/** An interaction (a button click, a modal submission) as Slack delivers it: `payload=<JSON>`, signed. */
export async function sendInteraction(options: {
  port: number;
  signingSecret: string;
  payload: Record<string, unknown>;
}): Promise<SignedCommand & { response: string }> {
  const body = new URLSearchParams({ payload: JSON.stringify(options.payload) }).toString();
  return sendSigned(options.port, options.signingSecret, body);
}

async function sendSigned(
  port: number,
  signingSecret: string,
  body: string,
): Promise<SignedCommand & { response: string }> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  const res = await fetch(`http://127.0.0.1:${port}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': timestamp,
      'x-slack-signature': signature,
    },
    body,
  });
  return { status: res.status, signature, response: await res.text() };
}
