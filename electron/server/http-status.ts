import type { ErrorCode } from '../core/contract/errors.js';

/** The HTTP shell's one mapping from error codes to status codes. */
export function httpStatusFor(code: ErrorCode): number {
  switch (code) {
    case 'INVALID_INPUT':
    case 'MODEL_INVALID':
    case 'MODEL_WRONG_ROLE':
    case 'CONTEXT_OVERFLOW':
    case 'UNSUPPORTED_TYPE':
    case 'FILE_ENCRYPTED':
    case 'FILE_CORRUPT':
    case 'FILE_EMPTY':
    case 'FILE_TOO_LARGE':
    case 'ZIP_BOMB':
    case 'FILE_TOO_COMPLEX':
    case 'TEMPLATE_INVALID':
    case 'DATASET_INVALID':
    case 'SUITE_INVALID':
    case 'BUNDLE_INVALID':
    case 'BUNDLE_TAMPERED':
    case 'BUNDLE_TRUNCATED':
      return 400;
    case 'LABEL_PROTECTED':
    case 'GATE_REQUIRED':
    case 'MODEL_NOT_APPROVED':
    case 'PATH_NOT_ALLOWED':
    case 'BUNDLE_SIGNER_UNTRUSTED':
    case 'BUNDLE_WRONG_RECIPIENT':
      return 403;
    case 'UNAUTHORIZED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'UNKNOWN_METHOD':
    case 'NOT_FOUND':
    case 'FILE_NOT_FOUND':
    case 'MODEL_NOT_FOUND':
    case 'JOB_NOT_FOUND':
    case 'COLLECTION_NOT_FOUND':
    case 'DOCUMENT_NOT_FOUND':
    case 'PROMPT_NOT_FOUND':
    case 'AB_TEST_NOT_FOUND':
    case 'DATASET_NOT_FOUND':
    case 'DATASET_CASE_NOT_FOUND':
    case 'EVAL_RUN_NOT_FOUND':
    case 'TRUST_NOT_FOUND':
    case 'ROUTE_NOT_FOUND':
    case 'ENDPOINT_NOT_FOUND':
      return 404;
    case 'PROMPT_EXISTS':
    case 'TRUST_EXISTS':
    case 'EVAL_RUN_ACTIVE':
    case 'DATASET_VERSION_STALE':
    case 'COLLECTION_EXISTS':
    case 'USER_EXISTS':
    case 'MODEL_ALREADY_EXISTS':
    case 'MODEL_MODIFIED':
    case 'MODEL_IN_USE':
    case 'MODEL_RETIRED':
    case 'CANCELLED':
    case 'ENDPOINT_EXISTS':
      return 409;
    case 'TOO_MANY_ATTEMPTS':
    case 'QUOTA_EXCEEDED':
    case 'ENDPOINT_RATE_LIMITED':
      return 429;
    // A registered upstream failed: the gateway's answer, like any proxy's.
    case 'ENDPOINT_UNREACHABLE':
    case 'ENDPOINT_AUTH_FAILED':
    case 'ENDPOINT_BAD_RESPONSE':
      return 502;
    case 'ENDPOINT_TIMEOUT':
      return 504;
    case 'DB_BUSY':
      return 503;
    default:
      return 500;
  }
}
