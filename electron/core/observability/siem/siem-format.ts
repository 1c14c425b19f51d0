import os from 'node:os';
import type { AnomalyAlert } from '../../audit/anomaly-alerts.js';

/** What every raised alert (monitor rule or audit anomaly) carries to the SIEM: the alert and when it was sent. */
export type SiemAlert = AnomalyAlert & { at: string };

/** Facility 13 ("log audit") at severity 4 (warning): an alert a security team should look at, not an outage. */
const PRI = 13 * 8 + 4;
/** 32473 is the private enterprise number RFC 5612 reserves for documentation; SIEMs accept any SD-ID with '@'. */
const SD_ID = 'enclave@32473';

/** RFC 5424 §6.3.3: inside a PARAM-VALUE, '"', '\' and ']' are escaped with a backslash. */
const sdValue = (value: string | number): string => String(value).replace(/["\\\]]/g, (c) => `\\${c}`);

/** RFC 5424 header fields are PRINTUSASCII without spaces; '-' stands for a missing value. */
const headerField = (value: string, max: number): string => value.replace(/[^\x21-\x7e]/g, '').slice(0, max) || '-';

/** One RFC 5424 syslog message (no framing): `<108>1 TIME HOST enclave PID alert [enclave@32473 …] BOM description`. */
export function rfc5424(alert: SiemAlert, hostname = os.hostname(), pid = process.pid): string {
  const params = { rule: alert.rule, key: alert.key, count: alert.count, windowMs: alert.windowMs, firstSeq: alert.firstSeq, lastSeq: alert.lastSeq };
  const sd = `[${SD_ID} ${Object.entries(params).map(([k, v]) => `${k}="${sdValue(v)}"`).join(' ')}]`;
  return `<${PRI}>1 ${alert.at} ${headerField(hostname, 255)} enclave ${headerField(String(pid), 128)} alert ${sd} \uFEFF${alert.description}`;
}

/** RFC 6587 octet counting for syslog over TCP: the message's byte length, a space, the message. */
export function octetFramed(message: string): string {
  return `${Buffer.byteLength(message, 'utf8')} ${message}`;
}
