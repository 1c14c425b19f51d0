import { AskService } from '../../rag/answer/ask.service.js';
import { TracesRepo } from '../../rag/answer/traces.repo.js';
import { CollectionsRepo } from '../../rag/collections/collections.repo.js';
import { CollectionsService } from '../../rag/collections/collections.service.js';
import { DocumentsRepo } from '../../rag/index/documents.repo.js';
import { VectorStore } from '../../rag/index/vector-store.js';
import { SearchService } from '../../rag/search/search.service.js';
import { ContentAccess } from '../../rag/content-access.js';
import type { CoreServices } from '../../services/core-services.js';

export interface RagServices {
  collections: CollectionsService;
  search: SearchService;
  ask: AskService;
  /** The access sets of what a case's contexts and answer were built from. */
  access: ContentAccess;
}

/**
 * The RAG area's services built over the same database, without dispatch: an eval case asks exactly as `rag.ask`
 * does (same retrieval, prompt, citations and trace), so the metrics measure the product's own pipeline.
 */
export function ragServices(s: Pick<CoreServices, 'db' | 'models' | 'inference' | 'events' | 'audit'>): RagServices {
  const collections = new CollectionsService(new CollectionsRepo(s.db), s.models);
  const search = new SearchService(s.db, collections, new DocumentsRepo(s.db), new VectorStore(s.db), s.inference);
  return { collections, search, ask: new AskService(collections, search, s.inference, new TracesRepo(s.db), s.events, s.audit), access: new ContentAccess(s.db) };
}
