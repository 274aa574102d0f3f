export { ERRORS, type ErrorCode } from './messages.js';
export { isXpmError, XpmError } from './xpm-error.js';
