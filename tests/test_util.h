/*
** test_util.h — small helpers any suite may use that know nothing of
** tenantsim: reading a whole file, counting a string's occurrences, and
** for the suites of HTML pages the DOM headless chromium builds of a page
** and a copy of a page that reports whether it is wider than its window.
** Static inline, because the Makefile compiles only tests/test_*.c and
** run_tests.c; each suite takes what it uses.
*/
#ifndef TS_TEST_UTIL_H
#define TS_TEST_UTIL_H
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The whole of file zPath (read as bytes) as a NUL-terminated string,
** malloc'ed: the caller owns it and frees it with free(). Its length
** without the terminator goes to *pn when pn is not NULL; a file with NUL
** bytes is returned whole, so *pn may exceed strlen(). A file that cannot
** be opened or read fails the test; a caller for whom the file is
** optional checks access(zPath, R_OK) first. */
static inline char *tu_slurp(const char *zPath, size_t *pn){
  FILE *f = fopen(zPath, "rb");
  char *z;
  long n;
  ck_assert_msg(f!=NULL, "cannot open %s", zPath);
  ck_assert_msg(fseek(f, 0, SEEK_END)==0, "cannot seek in %s", zPath);
  n = ftell(f);
  ck_assert_msg(n>=0, "cannot size %s", zPath);
  rewind(f);
  z = malloc((size_t)n + 1);
  ck_assert_ptr_nonnull(z);
  ck_assert_msg(fread(z, 1, (size_t)n, f)==(size_t)n, "short read of %s", zPath);
  z[n] = 0;
  fclose(f);
  if( pn ) *pn = (size_t)n;
  return z;
}

/* How many times zNeedle occurs in z (not overlapping). */
static inline int tu_count(const char *z, const char *zNeedle){
  int n = 0;
  size_t nNeedle = strlen(zNeedle);
  while( (z = strstr(z, zNeedle))!=NULL ){ n++; z += nNeedle; }
  return n;
}

/* The browser the HTML suites load their pages in; a suite checks
** access(TU_BROWSER, X_OK) and skips its browser test without it. */
#define TU_BROWSER "/usr/bin/chromium"

/* The flags every suite starts it with: headless, no sandbox or GPU, and
** nothing that reaches the network. */
#define TU_BROWSER_FLAGS "--headless --no-sandbox --disable-gpu --no-first-run" \
  " --disable-background-networking --disable-component-update --disable-sync"

/* Write page zPage to zDir/zName; its path goes to zPath (nPath bytes). */
static inline void tu_write_page(const char *zDir, const char *zName, const char *zPage,
                                 char *zPath, size_t nPath){
  FILE *f;
  snprintf(zPath, nPath, "%s/%s", zDir, zName);
  f = fopen(zPath, "w");
  ck_assert_ptr_nonnull(f);
  ck_assert_int_eq(fputs(zPage, f)>=0, 1);
  ck_assert_int_eq(fclose(f), 0);
}

/* Write page zPage to zDir/zName, load it in headless chromium (its
** profile in zDir/profile; a window of zSize "W,H", NULL for the default)
** and return the DOM chromium serialises once it has loaded (--dump-dom),
** malloc'ed (free()). The test fails when chromium fails or takes over 60
** s: a page whose script called alert() would hang until then. */
static inline char *tu_browser_dom(const char *zDir, const char *zName, const char *zPage,
                                   const char *zSize){
  char zHtml[512], zDom[600], zCmd[2048];
  int rc;
  tu_write_page(zDir, zName, zPage, zHtml, sizeof(zHtml));
  snprintf(zDom, sizeof(zDom), "%s.dom", zHtml);
  snprintf(zCmd, sizeof(zCmd), "timeout 60 %s " TU_BROWSER_FLAGS
           " --user-data-dir=%s/profile%s%s --dump-dom file://%s >%s 2>/dev/null",
           TU_BROWSER, zDir, zSize ? " --window-size=" : "", zSize ? zSize : "", zHtml, zDom);
  rc = system(zCmd);
  ck_assert_msg(rc==0, "chromium --dump-dom failed or timed out (%d)", rc);
  return tu_slurp(zDom, NULL);
}

/* A copy of page zPage (malloc'ed, free()) with zScript inserted before
** its </body>. */
static inline char *tu_inject(const char *zPage, const char *zScript){
  const char *zEnd = strstr(zPage, "</body>");
  size_t nHead, nScript = strlen(zScript);
  char *z;
  ck_assert_ptr_nonnull(zEnd);
  nHead = (size_t)(zEnd - zPage);
  z = malloc(strlen(zPage) + nScript + 1);
  ck_assert_ptr_nonnull(z);
  memcpy(z, zPage, nHead);
  memcpy(z + nHead, zScript, nScript);
  strcpy(z + nHead + nScript, zEnd);
  return z;
}

/* A copy of page zPage (malloc'ed, free()) with a test-only script before
** its </body> that sets the body's data-probe to "fits N" or "overflow N",
** N the document's width in px, as the window it is loaded in shows it:
** whether the page itself, not a box inside it, scrolls sideways. */
static inline char *tu_width_probe(const char *zPage){
  static const char zScript[] =
    "<script>document.body.setAttribute('data-probe', (document.documentElement.scrollWidth"
    " > window.innerWidth ? 'overflow ' : 'fits ') + document.documentElement.scrollWidth);"
    "</script>";
  return tu_inject(zPage, zScript);
}

/* A copy of page zPage (malloc'ed, free()) with a test-only script before
** its </body> that measures the layout as the window shows it and sets
** the body's data-probe to "wide W small S broken B", and data-detail to
** the first offender of each kind:
**   W  elements reaching past the window's right edge that are not inside
**      a box that scrolls sideways (overflow-x auto or scroll);
**   S  visible text drawn under 10 px (SVG text scaled by its chart);
**   B  words of two or more characters broken across lines inside a
**      table cell. */
static inline char *tu_layout_probe(const char *zPage){
  static const char zScript[] =
    "<script>(function(){var W=0,S=0,B=0,dw='',ds='',db='',iw=window.innerWidth;"
    "function scrolls(e){for(e=e.parentElement;e&&e!==document.body;e=e.parentElement){"
    "var o=getComputedStyle(e).overflowX;if(o==='auto'||o==='scroll'||o==='hidden')return true;}return false;}"
    "document.querySelectorAll('body *').forEach(function(e){if(e.tagName==='SCRIPT')return;"
    "var r=e.getBoundingClientRect();if(r.width>0&&r.right>iw+1&&!scrolls(e)){W++;"
    "if(!dw)dw=e.tagName+'.'+e.className+' right '+Math.round(r.right);}});"
    "var tw=document.createTreeWalker(document.body,NodeFilter.SHOW_TEXT),n;"
    "while((n=tw.nextNode())){var p=n.parentElement,t=n.nodeValue;if(!p||!/\\S/.test(t))continue;"
    "if(p.closest('script,style,title'))continue;var rr=p.getBoundingClientRect();"
    "if(rr.width===0&&rr.height===0)continue;"
    "var f=parseFloat(getComputedStyle(p).fontSize),m=p.getScreenCTM?p.getScreenCTM():null;"
    "if(m)f*=Math.sqrt(m.a*m.a+m.b*m.b);"
    "if(f<9.95){S++;if(!ds)ds=t.trim().slice(0,30)+' '+f.toFixed(1)+'px';}"
    "if(p.closest('td,th')){var re=/\\S{2,}/g,x;while((x=re.exec(t))){var g=document.createRange();"
    "g.setStart(n,x.index);g.setEnd(n,x.index+x[0].length);var cr=g.getClientRects(),k,y=null,two=false;"
    "for(k=0;k<cr.length;k++){if(cr[k].width===0)continue;if(y===null)y=cr[k].top;else if(Math.abs(cr[k].top-y)>2)two=true;}"
    "if(two){B++;if(!db)db=x[0].slice(0,30);}}}}"
    "document.body.setAttribute('data-probe','wide '+W+' small '+S+' broken '+B);"
    "document.body.setAttribute('data-detail','wide: '+dw+' | small: '+ds+' | broken: '+db);"
    "})();</script>";
  return tu_inject(zPage, zScript);
}

/* The value of attribute zAttr="..." of the first element that has it in
** DOM text zDom, copied into zOut (nOut bytes); "" when absent. */
static inline const char *tu_dom_attr(const char *zDom, const char *zAttr, char *zOut, size_t nOut){
  char zNeedle[64];
  const char *z, *zEnd;
  size_t n;
  snprintf(zNeedle, sizeof(zNeedle), "%s=\"", zAttr);
  zOut[0] = 0;
  z = strstr(zDom, zNeedle);
  if( z==NULL ) return zOut;
  z += strlen(zNeedle);
  zEnd = strchr(z, '"');
  if( zEnd==NULL ) return zOut;
  n = (size_t)(zEnd - z);
  if( n>=nOut ) n = nOut - 1;
  memcpy(zOut, z, n);
  zOut[n] = 0;
  return zOut;
}

/* Print page zPage (written to zDir/zName) to PDF with headless chromium
** (A4 or Letter as its default, no header or footer; the PDF kept beside it
** as a test artefact) and return its page count. */
static inline int tu_pdf_pages(const char *zDir, const char *zName, const char *zPage){
  char zHtml[512], zPdf[600], zCmd[2048];
  char *z;
  size_t n, i;
  int nPage = 0, rc;
  tu_write_page(zDir, zName, zPage, zHtml, sizeof(zHtml));
  snprintf(zPdf, sizeof(zPdf), "%s.pdf", zHtml);
  snprintf(zCmd, sizeof(zCmd), "timeout 90 %s " TU_BROWSER_FLAGS
           " --user-data-dir=%s/profile --no-pdf-header-footer"
           " --print-to-pdf=%s file://%s >/dev/null 2>&1", TU_BROWSER, zDir, zPdf, zHtml);
  rc = system(zCmd);
  ck_assert_msg(rc==0, "chromium --print-to-pdf failed or timed out (%d)", rc);
  z = tu_slurp(zPdf, &n);
  for(i=0; i+11<=n; i++){
    if( memcmp(z+i, "/Type /Page", 11)==0 && (i+11==n || z[i+11]!='s') ) nPage++;
  }
  free(z);
  return nPage;
}

#endif
