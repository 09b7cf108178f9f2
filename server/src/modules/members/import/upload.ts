// Receiving an uploaded file: streamed to the data folder (never held in memory), cut off
// and refused at the size limit, with the `options` field parsed beside it.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Locale } from '../../../config.ts';
import { AppError } from '../../../platform/errors.ts';
import { describeIssue, type IssueLike } from '../../../platform/i18n/field-messages.ts';
import { importOptionsBody } from './schema.ts';

export interface Upload {
  path: string;
  fileName: string;
  /** The raw `options` field, when sent. */
  options: string | undefined;
}

export function importsDir(dataDir: string): string {
  return path.join(dataDir, 'imports');
}

/** Saves the `file` part under `<dataDir>/imports/`; the caller removes it when done. */
export async function receiveUpload(
  request: FastifyRequest,
  dataDir: string,
  maxBytes: number,
): Promise<Upload> {
  if (!request.isMultipart()) {
    throw new AppError('VALIDATION_FAILED', {}, [{ field: 'file', code: 'required', message: '' }]);
  }
  const dir = importsDir(dataDir);
  await fs.promises.mkdir(dir, { recursive: true });
  let saved: { path: string; fileName: string } | undefined;
  let options: string | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        if (part.fieldname === 'options' && typeof part.value === 'string') options = part.value;
        continue;
      }
      if (part.fieldname !== 'file' || saved) {
        part.file.resume();
        continue;
      }
      const target = path.join(dir, `${randomUUID()}.upload`);
      saved = { path: target, fileName: part.filename || 'upload' };
      await pipeline(part.file, fs.createWriteStream(target, { mode: 0o600 }));
      if (part.file.truncated) {
        throw new AppError('IMPORT_FILE_TOO_LARGE', { maxMb: Math.round(maxBytes / 1024 / 1024) });
      }
    }
  } catch (error) {
    if (saved) await fs.promises.rm(saved.path, { force: true });
    throw error;
  }
  if (!saved) throw new AppError('VALIDATION_FAILED', {}, [{ field: 'file', code: 'required', message: '' }]);
  return { ...saved, options };
}

/** The `options` field checked against its schema; problems name `options.<field>`. */
export function parseImportOptions(
  raw: string | undefined,
  locale: Locale,
): z.infer<typeof importOptionsBody> {
  let value: unknown;
  try {
    value = JSON.parse(raw ?? '');
  } catch {
    throw new AppError('VALIDATION_FAILED', {}, [
      { field: 'options', code: raw === undefined ? 'required' : 'invalid_json', message: '' },
    ]);
  }
  const parsed = importOptionsBody.safeParse(value, { reportInput: true });
  if (parsed.success) return parsed.data;
  throw new AppError(
    'VALIDATION_FAILED',
    {},
    parsed.error.issues.map((issue) => ({
      field: ['options', ...issue.path.map(String)].join('.'),
      ...describeIssue(issue as unknown as IssueLike, locale),
    })),
  );
}
