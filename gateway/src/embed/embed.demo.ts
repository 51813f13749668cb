/** The demo page: what an embedder pastes, on a page of its own. */
export const DEMO_HTML = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Find services near you — C2C Hub listings demo</title>
  <style>body { margin: 0 auto; max-width: 56rem; padding: 1rem; font-family: system-ui, sans-serif; } h1 { font-size: 1.5rem; }</style>
  <script type="module" src="/embed/c2c-listings.js"></script>
</head>
<body>
  <main>
    <h1>Find services near you</h1>
    <p>Free and low-cost programmes for children, young people and families, from the city's cradle-to-career partners.</p>
    <c2c-listings page-size="10"></c2c-listings>
  </main>
</body>
</html>
`;
