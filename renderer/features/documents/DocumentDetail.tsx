import { useEffect, useState } from 'react';
import { call, toClientError, type ClientError } from '../../api/client.js';
import type { Output, SourceLocation } from '../../api/contract.types.js';
import { formatBytes } from '../models/model-format.js';
import { ErrorMessage } from '../shell/ErrorMessage.js';
import { displayName, displayStatus } from './document-display.js';

type Detail = Output<'rag.documents.get'>;
const CHUNK_PAGE = 50;

/** Where a chunk came from, in the words of its format: page, slide, sheet, heading path, archive member, characters. */
export function locationText(location: SourceLocation): string {
  const parts: string[] = [];
  if (location.member) parts.push(location.member);
  if (location.page !== undefined) parts.push(`page ${location.page}`);
  if (location.slide !== undefined) parts.push(`slide ${location.slide}`);
  if (location.sheet) parts.push(`sheet ${location.sheet}`);
  if (location.headingPath && location.headingPath.length > 0) parts.push(location.headingPath.join(' › '));
  parts.push(`chars ${location.charStart}–${location.charEnd}`);
  return parts.join(' · ');
}

/** One document: metadata, access list, extraction warnings (injection flags among them) and its chunks, a page at a time. */
export function DocumentDetail({ collectionId, documentId, onClose }: { collectionId: string; documentId: number; onClose: () => void }) {
  const [detail, setDetail] = useState<Detail | null>(null);
  const [error, setError] = useState<ClientError | null>(null);
  const [limit, setLimit] = useState(CHUNK_PAGE);

  useEffect(() => {
    let live = true;
    call('rag.documents.get', { collection: collectionId, documentId, offset: 0, limit })
      .then((value) => live && setDetail(value))
      .catch((e: unknown) => live && setError(toClientError(e)));
    return () => {
      live = false;
    };
  }, [collectionId, documentId, limit]);

  const doc = detail?.document;
  return (
    <section className="panel doc-detail" aria-label="Document detail" data-testid="document-detail">
      <div className="panel-header">
        <h2 className="panel-label">{doc ? displayName(doc.source) : 'Document'}</h2>
        <span className="spacer" />
        <button type="button" className="button button-small" onClick={onClose} data-testid="document-detail-close">
          Close
        </button>
      </div>
      {error && <ErrorMessage error={error} testId="document-detail-error" />}
      {doc && detail && (
        <>
          <dl className="doc-meta">
            <dt>Source</dt>
            <dd>{doc.source}</dd>
            {doc.title && (
              <>
                <dt>Title</dt>
                <dd>{doc.title}</dd>
              </>
            )}
            <dt>Format</dt>
            <dd>{doc.format}</dd>
            <dt>Status</dt>
            <dd data-testid="document-detail-status">{displayStatus(doc)}</dd>
            <dt>Size</dt>
            <dd>{formatBytes(doc.sizeBytes)}</dd>
            <dt>Updated</dt>
            <dd>{doc.updatedAt}</dd>
            <dt>Access</dt>
            <dd data-testid="document-detail-acl">{doc.acl.join(', ')}</dd>
            <dt>Tags</dt>
            <dd>{doc.tags.length > 0 ? doc.tags.join(', ') : 'none'}</dd>
          </dl>
          <h3 className="panel-label">Flags and warnings</h3>
          {doc.warnings.length === 0 ? (
            <p className="hint" data-testid="document-detail-no-warnings">None: nothing was flagged when the document was read.</p>
          ) : (
            <ul className="doc-warnings" data-testid="document-detail-warnings">
              {doc.warnings.map((w, i) => (
                <li key={i} className="doc-warning">
                  <code>{w.code}</code> {w.message}
                </li>
              ))}
            </ul>
          )}
          <h3 className="panel-label">
            Chunks ({detail.chunks.length.toLocaleString('en-US')} of {detail.totalChunks.toLocaleString('en-US')})
          </h3>
          <ol className="doc-chunks" data-testid="document-detail-chunks">
            {detail.chunks.map((c) => (
              <li key={c.id} className="doc-chunk" data-testid="document-chunk">
                <span className="hint" data-testid="document-chunk-location">
                  #{c.ordinal + 1} · {locationText(c.location)} · {c.tokenCount} tokens
                </span>
                <p className="doc-chunk-text">{c.text}</p>
              </li>
            ))}
          </ol>
          {detail.chunks.length < detail.totalChunks && (
            <button type="button" className="button button-small" onClick={() => setLimit((n) => Math.min(500, n + CHUNK_PAGE))} disabled={limit >= 500}>
              Show more chunks
            </button>
          )}
        </>
      )}
    </section>
  );
}
