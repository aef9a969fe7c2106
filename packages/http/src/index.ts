export { ApiError, ERROR_STATUS } from './api-error';
export type { ErrorCode, ApiErrorInit } from './api-error';
export { problemResponse, PROBLEM_CONTENT_TYPE } from './problem';
export type { ProblemBody } from './problem';
export { newRequestId, REQUEST_ID_HEADER } from './request-id';
export { readJsonBody, readTextBody, parseWith } from './body';
export { readQuery } from './query';
