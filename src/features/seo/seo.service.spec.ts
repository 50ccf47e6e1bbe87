import { testRequestContext } from '../../../test/utils/request-context';
import { InMemorySeoRepository } from './adapters/in-memory-seo.repository';
import { SeoNotFoundError, SeoVersionConflictError } from './seo.errors';
import { SeoService } from './seo.service';

describe('SeoService', () => {
  const { context, as } = testRequestContext();
  const admin = { sub: 'u_admin', role: 'admin' } as const;
  const key = { surface: 'web', page_type: 'pricing' };
  let service: SeoService;

  beforeEach(() => {
    service = new SeoService(new InMemorySeoRepository(), context);
  });

  it('creates at version 1 and replaces the whole config on the next put', async () => {
    const created = await as(admin, () =>
      service.put(key, { title: 'Pricing', og_image_url: 'https://cdn.example.com/p.png' }),
    );
    expect(created).toMatchObject({
      ...key,
      version: 1,
      title: 'Pricing',
      description: null,
      updated_by: 'u_admin',
    });
    const replaced = await as(admin, () => service.put(key, { description: 'Plans' }, 1));
    expect(replaced).toMatchObject({
      version: 2,
      id: created.id,
      title: null,
      og_image_url: null,
      description: 'Plans',
    });
  });

  it('refuses a stale If-Match, and If-Match on a config that does not exist', async () => {
    await expect(as(admin, () => service.put(key, {}, 1))).rejects.toMatchObject({
      code: 'seo.version_conflict',
      details: { current_version: null },
    });
    await as(admin, () => service.put(key, {}));
    await as(admin, () => service.put(key, {}, 1));
    await expect(as(admin, () => service.put(key, {}, 1))).rejects.toBeInstanceOf(
      SeoVersionConflictError,
    );
  });

  it('answers 404 seo.not_found for a missing config, on read and on delete', async () => {
    await expect(as(admin, () => service.get(key))).rejects.toBeInstanceOf(SeoNotFoundError);
    await as(admin, () => service.put(key, {}));
    await as(admin, () => service.delete(key));
    await expect(as(admin, () => service.delete(key))).rejects.toMatchObject({
      code: 'seo.not_found',
    });
  });
});
