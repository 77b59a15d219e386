// A link button still sends Slack an interaction; acknowledging it keeps Slack from showing an
// error next to the button. The browser opens the PDF itself.

export async function openPdf({ ack }: { ack: () => Promise<void> }): Promise<void> {
  await ack();
}
