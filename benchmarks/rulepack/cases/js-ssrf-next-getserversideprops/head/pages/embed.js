export default function Embed({ html }) {
  return <iframe srcDoc={html} sandbox="" title="embed" />;
}

export async function getServerSideProps({ query }) {
  const upstream = await fetch(String(query.src));
  const html = await upstream.text();
  return { props: { html } };
}
