// @ts-check
// Okta's error body: every failed call answers {errorCode, errorSummary, errorLink, errorId, errorCauses}, where
// errorLink repeats the code and errorId is a per-request "oae..." id support would look up.

import { randomChars } from './ids.mjs';

/** @typedef {{ errorCode: string, errorSummary: string, errorLink: string, errorId: string, errorCauses: Array<{ errorSummary: string }> }} OktaErrorBody */

export class OktaError extends Error {
  /**
   * @param {number} status
   * @param {string} code
   * @param {string} summary
   * @param {string[]} [causes]
   */
  constructor(status, code, summary, causes = []) {
    super(summary);
    this.status = status;
    this.code = code;
    this.causes = causes;
  }

  /** @returns {OktaErrorBody} */
  body() {
    return errorBody(this.code, this.message, this.causes);
  }
}

/**
 * @param {string} code
 * @param {string} summary
 * @param {string[]} [causes]
 * @returns {OktaErrorBody}
 */
export function errorBody(code, summary, causes = []) {
  return {
    errorCode: code,
    errorSummary: summary,
    errorLink: code,
    errorId: `oae${randomChars(22)}`,
    errorCauses: causes.map((errorSummary) => ({ errorSummary })),
  };
}

/**
 * @param {string} id
 * @param {string} kind Okta's internal name of the kind: UserGroup, User, AppInstance...
 */
export function notFound(id, kind) {
  return new OktaError(404, 'E0000007', `Not found: Resource not found: ${id} (${kind})`);
}

/**
 * @param {string} field
 * @param {string} cause
 */
export function invalid(field, cause) {
  return new OktaError(400, 'E0000001', `Api validation failed: ${field}`, [cause]);
}

/** @param {string} field */
export function blank(field) {
  return invalid(field, `${field}: The field cannot be left blank`);
}

/** @param {string} field */
export function duplicate(field) {
  return invalid(field, `${field}: An object with this field already exists in the current organization`);
}

export const unauthorized = () => new OktaError(401, 'E0000011', 'Invalid token provided');
export const forbidden = () =>
  new OktaError(403, 'E0000006', 'You do not have permission to perform the requested action');
export const rateLimited = () =>
  new OktaError(429, 'E0000047', 'API call exceeded rate limit due to too many requests.');
export const malformed = () => new OktaError(400, 'E0000003', 'The request body was not well-formed.');
export const methodNotAllowed = () =>
  new OktaError(405, 'E0000022', 'The endpoint does not support the provided HTTP method');
export const badFilter = () => new OktaError(400, 'E0000030', 'Bad request. Invalid filter parameter.');
export const badSearch = () => new OktaError(400, 'E0000031', 'Invalid search criteria.');
