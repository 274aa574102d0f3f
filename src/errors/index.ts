export { ERRORS, type ErrorCode } from './messages.js';
export { failureTexts, isXpmError, XpmError } from './xpm-error.js';
