import type { AuthorInfo, CacheInfo } from '../../../shared/domain';
import type { CacheLog } from '../cache-log';
import type { CacheStore } from '../cache/store';
import type { SectorConfigService } from '../config-service';
import type { Handlers } from '../dispatch';
import type { Storage } from '../../../db/port';
import type { Tasks } from '../tasks';
import type { Backend, BackendOptions } from '../types';
import type { WriteWaits } from '../write-waits';

/** What the handlers of every feature share: the composition root builds it once. */
export interface BackendContext {
  options: BackendOptions;
  storage: Storage;
  store: CacheStore;
  /** What the cache is now: a Redis may have become unreachable since start. */
  cacheInfo: () => CacheInfo;
  cacheLog: CacheLog;
  configService: SectorConfigService;
  tasks: Tasks;
  exportOrganizations: Backend['exportOrganizations'];
  /** Who writes are by when a window sends no name. */
  defaultAuthor: () => Promise<AuthorInfo>;
  /** Configuration writes a window named: their busy waits, their cancels. */
  writeWaits: WriteWaits;
}

/** The handlers of one feature: a subset of the contract's channels. */
export type FeatureHandlers<C extends keyof Handlers> = Pick<Handlers, C>;
