// The import API's multipart calls. The OpenAPI document describes these bodies as absent
// (multipart is parsed by the route itself), so the FormData goes through the typed client
// untyped; openapi-fetch passes FormData as is and the browser sets the boundary.
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client.ts';
import { type ImportJob, memberKeys } from '../queries.ts';

export interface ImportOptions {
  dryRun: boolean;
  mapping: Record<string, string>;
  defaultStoreId?: string;
}

function formWith(file: File, options?: ImportOptions): FormData {
  const form = new FormData();
  // The options come first so the server has them before the file streams in.
  if (options) form.append('options', JSON.stringify(options));
  form.append('file', file, file.name);
  return form;
}

export function previewImport(file: File) {
  return unwrap(api.POST('/api/v1/members/import/preview', { body: formWith(file) as never }));
}

export function startImport(file: File, options: ImportOptions) {
  return unwrap(api.POST('/api/v1/members/import', { body: formWith(file, options) as never }));
}

export function isFinished(job: ImportJob | undefined): boolean {
  return job?.status === 'succeeded' || job?.status === 'failed';
}

/** Follows a job until it finishes. */
export function useImportJob(id: string | null) {
  return useQuery({
    queryKey: memberKeys.importJob(id ?? ''),
    queryFn: () => unwrap(api.GET('/api/v1/members/import/{id}', { params: { path: { id: id ?? '' } } })),
    enabled: id !== null,
    refetchInterval: (query) => (isFinished(query.state.data) ? false : 700),
  });
}
