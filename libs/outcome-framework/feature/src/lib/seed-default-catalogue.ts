import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { PublishDefinition } from '@ledger/outcome-framework-domain';
import { FrameworkStream } from './framework-stream';

/** The project's copy of the default catalogue and its sources: docs/outcomes-framework.md. */
export const DEFAULT_CATALOGUE_FILE = path.join(__dirname, '../../../data/default-catalogue.json');

export function defaultCatalogue(): Omit<PublishDefinition, 'type'>[] {
  return JSON.parse(readFileSync(DEFAULT_CATALOGUE_FILE, 'utf8')) as Omit<PublishDefinition, 'type'>[];
}

const SYSTEM_ACTOR = { sub: 'system', role: 'system', org: 'SYSTEM' };

/**
 * Issue 5: on first start the framework holds the default catalogue, each code as version 1, published through the
 * framework's decider as the system. Idempotent: a code the stream has ever held is left as it is.
 */
@Injectable()
export class DefaultCatalogueSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('DefaultCatalogueSeeder');

  constructor(private readonly framework: FrameworkStream) {}

  async onApplicationBootstrap(): Promise<void> {
    const now = new Date().toISOString();
    const published = await this.framework.seed(defaultCatalogue(), { actor: SYSTEM_ACTOR, correlationId: 'seed-default-catalogue', recordedAt: now });
    if (published > 0) this.logger.log(`published ${published} default outcome definitions`);
  }
}
