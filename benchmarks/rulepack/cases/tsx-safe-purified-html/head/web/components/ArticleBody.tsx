import DOMPurify from 'dompurify';

type Props = { article: { title: string; bodyHtml: string } };

export default function ArticleBody({ article }: Props) {
  const clean = DOMPurify.sanitize(article.bodyHtml, { USE_PROFILES: { html: true } });
  return (
    <main>
      <h1>{article.title}</h1>
      <section dangerouslySetInnerHTML={{ __html: clean }} />
    </main>
  );
}
