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
  /** Where it was typed; the alert channel of the test workspace unless given. */
  team?: string;
  channel?: string;
}): Promise<SignedCommand> {
  const body = new URLSearchParams({
    command: '/estimate',
    text: options.text,
    channel_id: options.channel ?? 'C0ALERTS',
    user_id: 'U0E2E',
    team_id: options.team ?? 'T0001',
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

/** An Events API callback (an event in a workspace), as Slack delivers it: JSON, signed. */
export async function sendEvent(options: {
  port: number;
  signingSecret: string;
  team: string;
  event: Record<string, unknown>;
}): Promise<SignedCommand & { response: string }> {
  const body = JSON.stringify({
    type: 'event_callback',
    team_id: options.team,
    api_app_id: 'A0E2E',
    event: options.event,
    event_id: `Ev${Date.now()}${Math.floor(Math.random() * 1e6)}`,
    event_time: Math.floor(Date.now() / 1000),
  });
  return sendSigned(options.port, options.signingSecret, body, 'application/json');
}

async function sendSigned(
  port: number,
  signingSecret: string,
  body: string,
  contentType = 'application/x-www-form-urlencoded',
): Promise<SignedCommand & { response: string }> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  const res = await fetch(`http://127.0.0.1:${port}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': timestamp,
      'x-slack-signature': signature,
    },
    body,
  });
  return { status: res.status, signature, response: await res.text() };
}
