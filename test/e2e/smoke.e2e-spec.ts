import { createTestApp, type TestApp } from '../utils/create-test-app';
import { scopedHeaders } from '../utils/scoped-request';

describe('smoke', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('serves feature flags with defaults', async () => {
    const res = await t.http.get('/feature-flags').set(scopedHeaders());
    expect(res.status).toBe(200);
    expect(res.body.source).toBe('default');
  });
});
