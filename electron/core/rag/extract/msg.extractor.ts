// Outlook .msg (OLE compound file) through @kenjiuno/msgreader: headers, body, and attachments as members.
import msgreader from '@kenjiuno/msgreader';
import { corrupt } from './extract-error.js';
import type { Extractor } from './extractor.js';

type MsgReaderClass = typeof msgreader.default;
/** CommonJS with `exports.default`: Node's ESM interop gives the exports object, bundlers give the class itself. */
const loaded = msgreader as unknown as MsgReaderClass | { default: MsgReaderClass };
const MsgReader: MsgReaderClass = typeof loaded === 'function' ? loaded : loaded.default;
type Reader = InstanceType<MsgReaderClass>;

export const extractMsg: Extractor = async function* (source, ctx) {
  let reader: Reader;
  let data: ReturnType<Reader['getFileData']>;
  try {
    const bytes = await source.bytes();
    reader = new MsgReader(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    data = reader.getFileData();
    if (data.error) throw new Error(data.error);
  } catch (error) {
    throw corrupt(ctx.name, 'an Outlook message', error);
  }
  const recipients = (kind: string) =>
    (data.recipients ?? [])
      .filter((r) => r.recipType === kind && (r.email || r.name))
      .map((r) => r.email || r.name)
      .join(', ');
  const header = ['# Email Message', ''];
  const from = data.senderEmail || data.senderName;
  if (from) header.push(`**From:** ${from}`);
  for (const [kind, label] of [['to', 'To'], ['cc', 'Cc']] as const) {
    const list = recipients(kind);
    if (list) header.push(`**${label}:** ${list}`);
  }
  if (data.subject) header.push(`**Subject:** ${data.subject}`);
  const sent = data.clientSubmitTime ?? data.messageDeliveryTime;
  if (sent) header.push(`**Date:** ${sent}`);
  ctx.setTitle(data.subject);
  yield { text: header.join('\n'), kind: 'email' };
  const body = (data.body ?? '').replace(/\r\n?/g, '\n').trim();
  if (body) yield { text: `## Content\n\n${body}`, kind: 'paragraph', location: { headingPath: ['Content'] } };
  for (const attachment of data.attachments ?? []) {
    ctx.checkCancelled();
    const file = reader.getAttachment(attachment);
    if (file.fileName && file.content?.length) await ctx.extractMember({ name: file.fileName, bytes: Buffer.from(file.content) });
  }
};
