/* <c2c-listings>: the C2C Hub service directory as a drop-in web component.
 *
 *   <script type="module" src="https://hub.example.org/embed/c2c-listings.js"></script>
 *   <c2c-listings api-key="…"></c2c-listings>
 *
 * Attributes: hub (the hub's base URL; default: where this script came from), api-key (your
 * embed key, exchanged at the hub for a short-lived token), token (a token you obtained
 * yourself), page-size (default 10), zip, imperative (initial filters), near ("latitude,longitude":
 * the family's place; results then come nearest first, with their distance) and radius-km (default
 * 25). A ZIP code sorts by distance from its centre too. Without a key it shows the public listings. Plain DOM, no dependencies; styles live in its shadow root. */
(() => {
  // Load it as a module (type="module"): its own URL tells it where the hub is.
  const SCRIPT_URL = import.meta.url;
  const esc = (s) =>
    String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
  let uid = 0;

  const STYLE = `
    :host { display: block; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1b1b; background: #fff; }
    * { box-sizing: border-box; }
    form { display: grid; grid-template-columns: repeat(auto-fit, minmax(9.5rem, 1fr)); gap: .75rem; align-items: end; padding: .75rem; border: 1px solid #6b6b6b; border-radius: .5rem; }
    label { display: flex; flex-direction: column; gap: .25rem; font-weight: 600; font-size: .95rem; }
    label.check { flex-direction: row; align-items: center; gap: .5rem; min-height: 2.75rem; }
    input, select, button { font: inherit; min-height: 2.75rem; padding: .4rem .6rem; border: 1px solid #4a4a4a; border-radius: .375rem; color: #1b1b1b; background: #fff; }
    input[type=checkbox] { min-height: 0; width: 1.35rem; height: 1.35rem; accent-color: #0b5394; }
    .search { grid-column: 1 / -1; }
    button { background: #0b5394; color: #fff; border-color: #0b5394; font-weight: 700; cursor: pointer; }
    :focus-visible { outline: 3px solid #b35900; outline-offset: 2px; }
    .status { margin: .75rem 0; font-weight: 600; }
    ol { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: minmax(0, 1fr); gap: .75rem; }
    ol > li { border: 1px solid #6b6b6b; border-radius: .5rem; padding: .75rem; min-width: 0; }
    h3 { margin: 0 0 .25rem; font-size: 1.1rem; }
    h3, p, dd, li { overflow-wrap: anywhere; }
    .summary { margin: .25rem 0; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
    dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: .15rem .75rem; margin: .5rem 0; }
    dl > div { display: contents; }
    dt { font-weight: 700; }
    dd { margin: 0; min-width: 0; }
    dd + dd { grid-column: 2; }
    .distance { font-weight: 700; color: #0f5a2a; }
    h3 a { color: #0b5394; }
    .org, .meta { color: #3d3d3d; margin: .15rem 0; }
    .badge { display: inline-block; padding: .05rem .5rem; border-radius: 1rem; font-size: .85rem; font-weight: 700; margin-left: .25rem; }
    .open { background: #0f5a2a; color: #fff; }
    .closed { background: #eee; color: #333; border: 1px solid #6b6b6b; }
    .more { margin-top: .75rem; width: 100%; }
    .error { color: #9b1c1c; font-weight: 600; }
    @media (max-width: 30rem) { form { grid-template-columns: 1fr; } }
  `;

  class C2cListings extends HTMLElement {
    constructor() {
      super();
      this.attachShadow({ mode: 'open' });
      this.page = 1;
      this.results = [];
      this.tokenPromise = null;
    }

    get hub() {
      return (this.getAttribute('hub') || new URL('..', new URL('.', SCRIPT_URL)).href).replace(/\/$/, '');
    }

    connectedCallback() {
      const id = `c2c${++uid}`;
      this.shadowRoot.innerHTML = `<style>${STYLE}</style>
        <section aria-label="Find services">
          <form role="search" novalidate>
            <label class="search" for="${id}-q">Search services
              <input id="${id}-q" name="q" type="search" autocomplete="off" placeholder="food, tutoring, preschool…"></label>
            <label for="${id}-imp">Area
              <select id="${id}-imp" name="imperative"><option value="">All areas</option></select></label>
            <label for="${id}-age">Age
              <input id="${id}-age" name="age" type="number" inputmode="numeric" min="0" max="120"></label>
            <label for="${id}-zip">ZIP code
              <input id="${id}-zip" name="zip" inputmode="numeric" pattern="[0-9]{5}" maxlength="5"></label>
            <label class="check" for="${id}-open"><input id="${id}-open" name="openNow" type="checkbox"> Open now</label>
            <button type="submit">Search</button>
          </form>
          <p class="status" role="status" aria-live="polite"></p>
          <ol class="results" aria-label="Services"></ol>
          <button type="button" class="more" hidden>Show more</button>
        </section>`;
      const form = this.shadowRoot.querySelector('form');
      form.zip.value = this.getAttribute('zip') || '';
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        this.search(1);
      });
      this.shadowRoot.querySelector('.more').addEventListener('click', () => this.search(this.page + 1));
      this.loadImperatives().then(() => this.search(1));
    }

    async token() {
      if (this.getAttribute('token')) return this.getAttribute('token');
      const key = this.getAttribute('api-key');
      if (!key) return null;
      if (!this.tokenPromise) {
        this.tokenPromise = fetch(`${this.hub}/auth/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ apiKey: key }),
        })
          .then((r) => (r.ok ? r.json() : null))
          .then((b) => (b && b.token) || null)
          .catch(() => null);
        // Tokens are short-lived: fetch a new one after a few minutes.
        setTimeout(() => (this.tokenPromise = null), 240000);
      }
      return this.tokenPromise;
    }

    async get(path) {
      const token = await this.token();
      const res = await fetch(`${this.hub}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      const body = await res.json();
      if (!res.ok) throw new Error(body.error || `The directory answered ${res.status}`);
      return body;
    }

    async loadImperatives() {
      const select = this.shadowRoot.querySelector('select');
      try {
        const terms = await this.get('/hsds/taxonomy_terms?parent_id=&per_page=100');
        for (const t of terms.contents) select.insertAdjacentHTML('beforeend', `<option value="${esc(t.id)}">${esc(t.name)}</option>`);
        const wanted = this.getAttribute('imperative');
        if (wanted) select.value = (terms.contents.find((t) => t.code === wanted || t.id === wanted) || {}).id || '';
      } catch {
        /* The search still works without the list of areas. */
      }
    }

    async search(page) {
      const form = this.shadowRoot.querySelector('form');
      const status = this.shadowRoot.querySelector('.status');
      const list = this.shadowRoot.querySelector('.results');
      const more = this.shadowRoot.querySelector('.more');
      const params = new URLSearchParams({ page: String(page), per_page: this.getAttribute('page-size') || '10' });
      if (form.q.value.trim()) params.set('q', form.q.value.trim());
      if (form.imperative.value) params.set('term', form.imperative.value);
      if (form.age.value) params.set('age', form.age.value);
      if (form.zip.value.trim()) params.set('zip', form.zip.value.trim());
      if (this.getAttribute('near')) params.set('near', this.getAttribute('near'));
      if (this.getAttribute('radius-km')) params.set('radius_km', this.getAttribute('radius-km'));
      if (form.openNow.checked) params.set('open_now', 'true');
      status.textContent = 'Searching…';
      status.classList.remove('error');
      this.setAttribute('aria-busy', 'true');
      try {
        const r = await this.get(`/embed/api/search?${params}`);
        this.page = page;
        if (page === 1) list.innerHTML = '';
        list.insertAdjacentHTML('beforeend', r.results.map((s) => this.card(s)).join(''));
        const found = r.totalCount === 1 ? '1 service found' : `${r.totalCount} services found`;
        status.textContent = r.sortedBy === 'distance' && r.totalCount > 1 ? `${found}, nearest first` : found;
        more.hidden = !r.hasMore;
        this.dispatchEvent(new CustomEvent('c2c-results', { detail: { totalCount: r.totalCount, page } }));
      } catch (err) {
        status.textContent = err.message;
        status.classList.add('error');
      } finally {
        this.removeAttribute('aria-busy');
      }
    }

    card(s) {
      const open = s.openNow ? '<span class="badge open">Open now</span>' : '<span class="badge closed">Closed now</span>';
      const heading = `c2c${++uid}-name`;
      // One term, one or more values: a price per <dd>, as a description list allows.
      const fact = (term, cls, values) => `<div><dt>${term}</dt>${values.map((v) => `<dd class="${cls}">${esc(v)}</dd>`).join('')}</div>`;
      return `<li data-id="${esc(s.id)}" aria-labelledby="${heading}">
        <h3 id="${heading}">${s.url ? `<a href="${esc(s.url)}" target="_blank" rel="noopener">${esc(s.name)}</a>` : esc(s.name)} ${open}</h3>
        ${s.organization ? `<p class="org">${esc(s.organization)}</p>` : ''}
        ${s.summary ? `<p class="summary">${esc(s.summary)}</p>` : ''}
        <dl class="facts">
          ${s.distance ? fact('Distance', 'distance', [s.distance]) : ''}
          ${fact('Ages', 'ages', [s.ages])}
          ${fact('Cost', 'cost', s.cost)}
          ${s.languages.length ? fact('Languages', 'languages', [s.languages.join(', ')]) : ''}
        </dl>
        <p class="meta address">${esc(s.address || 'Address on request')}</p>
        <p class="meta hours">${esc(s.hours || 'Call for hours')}</p>
        ${s.phone ? `<p class="meta">Phone: <a href="tel:${esc(s.phone)}">${esc(s.phone)}</a></p>` : ''}
        ${s.alert ? `<p class="meta"><strong>Notice:</strong> ${esc(s.alert)}</p>` : ''}
      </li>`;
    }
  }

  if (!customElements.get('c2c-listings')) customElements.define('c2c-listings', C2cListings);
})();
