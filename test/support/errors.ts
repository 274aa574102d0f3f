import { expect } from 'vitest';
import { XpmError } from '../../src/errors/index.js';

/** The XpmError a promise rejects with; fails the test if it resolves or rejects with anything else. */
export async function failure(p: Promise<unknown>): Promise<XpmError> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(XpmError);
  return error as XpmError;
}
