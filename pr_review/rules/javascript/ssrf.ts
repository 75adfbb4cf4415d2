export async function PUT(req: Request) {
  const { link } = (await req.json()) as { link: string };
  // ruleid: pr-review.javascript.ssrf
  return fetch(link);
}

export async function PATCH(req: Request) {
  const { id } = (await req.json()) as { id: string };
  // ok: pr-review.javascript.ssrf
  return fetch(`https://api.example.com/items/${encodeURIComponent(id)}`);
}

export class PreviewController {
  async preview(@Query('url') url: string) {
    // ruleid: pr-review.javascript.ssrf
    return fetch(url);
  }
}

export async function getServerSideProps({ query }) {
  // ruleid: pr-review.javascript.ssrf
  const feed = await fetch(query.feed);
  return { props: { feed: await feed.text() } };
}
