import { testRequestContext } from '../../../test/utils/request-context';
import { InMemoryStrategyLockRepository } from '../strategy-lock/adapters/in-memory-strategy-lock.repository';
import { StrategyLockService } from '../strategy-lock/strategy-lock.service';
import { InMemoryPageContentRepository } from './adapters/in-memory-page-content.repository';
import {
  PageNotFoundError,
  PageSlugTakenError,
  PageVersionConflictError,
} from './page-content.errors';
import { PUBLISH_PAGE_ACTION, type NewPage } from './page-content.types';
import { PageContentService } from './page-content.service';

describe('PageContentService', () => {
  const { context, as } = testRequestContext();
  const alice = { sub: 'u_alice', role: 'admin' } as const;
  const bob = { sub: 'u_bob', role: 'admin' } as const;
  let pages: PageContentService;
  let locks: StrategyLockService;
  const input = (over: Partial<NewPage> = {}): NewPage => ({
    surface: 'web',
    slug: 'about',
    title: 'About',
    body: '<p>hi</p>',
    ...over,
  });
  const approveLock = async (surface?: string) => {
    const until = new Date(Date.now() + 3_600_000).toISOString();
    const draft = await as(alice, () =>
      locks.create({
        scope: 'campaign',
        title: 'Go live',
        allowed_actions: [PUBLISH_PAGE_ACTION],
        valid_until: until,
        surface,
      }),
    );
    return as(bob, () => locks.approve(draft.id));
  };

  beforeEach(() => {
    locks = new StrategyLockService(new InMemoryStrategyLockRepository(), context);
    pages = new PageContentService(new InMemoryPageContentRepository(), locks, context);
  });

  it('creates an unpublished page stamped with its author and finds it by slug', async () => {
    const page = await as(alice, () => pages.create(input()));
    expect(page).toMatchObject({
      published: false,
      published_at: null,
      created_by: 'u_alice',
      version: 1,
    });
    expect(await as(bob, () => pages.getBySlug('web', 'about'))).toEqual(page);
    await expect(as(bob, () => pages.getBySlug('app', 'about'))).rejects.toBeInstanceOf(
      PageNotFoundError,
    );
    await expect(as(bob, () => pages.create(input()))).rejects.toBeInstanceOf(PageSlugTakenError);
  });

  it('refuses to publish without an approved lock for the page surface, and leaves the page unpublished', async () => {
    const page = await as(alice, () => pages.create(input()));
    await approveLock('app');
    await expect(as(alice, () => pages.publish(page.id))).rejects.toMatchObject({
      code: 'strategy_lock.required',
    });
    expect((await as(alice, () => pages.get(page.id))).published).toBe(false);
  });

  it('publishes once a lock for the surface (or for every surface) is approved, and unpublishes', async () => {
    const web = await as(alice, () => pages.create(input()));
    const app = await as(alice, () => pages.create(input({ surface: 'app' })));
    await approveLock('web');
    const published = await as(alice, () => pages.publish(web.id));
    expect(published).toMatchObject({ published: true, version: 2, updated_by: 'u_alice' });
    expect(published.published_at).not.toBeNull();
    await expect(as(alice, () => pages.publish(app.id))).rejects.toMatchObject({
      code: 'strategy_lock.required',
    });
    await approveLock();
    expect((await as(alice, () => pages.publish(app.id))).published).toBe(true);
    expect(await as(alice, () => pages.unpublish(web.id))).toMatchObject({
      published: false,
      published_at: null,
      version: 3,
    });
  });

  it('changes fields through PATCH with If-Match and keeps fields not given', async () => {
    const page = await as(alice, () => pages.create(input({ body: { blocks: [] } })));
    const changed = await as(bob, () =>
      pages.update(page.id, { title: 'About us', slug: 'about-us' }, 1),
    );
    expect(changed).toMatchObject({
      title: 'About us',
      slug: 'about-us',
      body: { blocks: [] },
      version: 2,
      updated_by: 'u_bob',
      created_by: 'u_alice',
    });
    await expect(as(bob, () => pages.update(page.id, { title: 'x' }, 1))).rejects.toBeInstanceOf(
      PageVersionConflictError,
    );
  });

  it('deletes a page and answers 404 afterwards', async () => {
    const page = await as(alice, () => pages.create(input()));
    await as(alice, () => pages.delete(page.id));
    await expect(as(alice, () => pages.get(page.id))).rejects.toBeInstanceOf(PageNotFoundError);
    await expect(as(alice, () => pages.delete(page.id))).rejects.toBeInstanceOf(PageNotFoundError);
  });
});
