/**
 * lib/diagnose re-exports the text reports and the anonymizer, but not the HTML report: echarts costs the bridge
 * about 55 MiB RSS, so it must load only through lib/diagnose/report (or report/html).
 */
test('lib/diagnose exports the light renderers and leaves echarts unloaded; the report entry point loads it', () => {
  let echartsLoaded = false;
  jest.isolateModules(() => {
    jest.doMock('echarts', () => {
      echartsLoaded = true;
      return {};
    });
    const diagnose = require('../../lib/diagnose') as typeof import('../../lib/diagnose');
    expect(typeof diagnose.renderMarkdown).toBe('function');
    expect(typeof diagnose.renderText).toBe('function');
    expect(typeof diagnose.renderForLLM).toBe('function');
    expect(typeof diagnose.renderJSON).toBe('function');
    expect(typeof diagnose.anonymize).toBe('function');
    expect(echartsLoaded).toBe(false);
    require('../../lib/diagnose/report');
    expect(echartsLoaded).toBe(true);
  });
});
