import { createDispatch, createHandlers, type Dispatch } from './handlers';
import { JobRunner } from './jobs/runner';
import { createServices, type ServiceOptions, type Services } from './services';
import type { Sqlite } from './db/connection';

export interface AppCore {
  services: Services;
  jobs: JobRunner;
  dispatch: Dispatch;
}

/**
 * Everything behind the contract over one open database: the services, the long-job runner and the
 * dispatcher both transports call. `workerUrl`: the compiled job worker (the app, browser mode); without it,
 * long jobs run in this thread (tests).
 */
export function createAppCore(db: Sqlite, dbPath: string, options: ServiceOptions & { workerUrl?: URL; log?: (e: unknown) => void } = {}): AppCore {
  const services = createServices(db, dbPath, options);
  const jobs = new JobRunner(
    services,
    options.workerUrl ? { url: options.workerUrl, backupDir: services.imports.backupDirectory, actor: services.actor } : null,
    // A worker wrote through its own connection: the list index notices by data_version; org names may be new.
    () => services.orgs.changed(),
  );
  return { services, jobs, dispatch: createDispatch(createHandlers(services, jobs), options.log) };
}
