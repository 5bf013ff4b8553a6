/** The demo inbox's drawing of a bot message keeps the message's text out of tags and attributes. */
import { renderImMessage } from '../../scripts/demo/inbox-render';

describe('renderImMessage', () => {
  it('a <font> inside a link target does not turn into a tag inside the href', () => {
    const md = '<https://a/<font color=red>x"onmouseover=alert(1)</font>>';
    const html = renderImMessage('wecom', { markdown: { content: md } });
    for (const href of html.match(/href="[^"]*"/g) ?? []) expect(href).not.toMatch(/<|span/);
    expect(html).not.toMatch(/<[a-z]+[^>]*\sonmouseover=/i);
  });

  it("the message's own control characters are not taken for colour placeholders", () => {
    const html = renderImMessage('wecom', {
      markdown: { content: 'a \u00010\u0002b\u0003 <font color="info">ok</font>' },
    });
    expect(html).not.toContain('color:undefined');
    expect(html.match(/<span/g)).toHaveLength(1);
    expect(html.match(/<\/span>/g)).toHaveLength(1);
  });
});
