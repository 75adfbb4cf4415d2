export class MarkdownLite {
  private static readonly LINK = /\[((?:[^\]]+\s?)+)\]\(([^)]+)\)/g;

  render(text: string): string {
    return text.replace(/(\*\*(\w+\s?)+\*\*)/g, (m) => `<b>${m.slice(2, -2)}</b>`);
  }
}
