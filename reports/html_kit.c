/*
** html_kit.c — the sort-and-filter script every HTML page shares,
** natural-order comparison and text whose words never split (html_kit.h).
**
** The script is the page's only code. It is written once here so the
** report, diff, plan, lint and trust pages behave alike: it finds
** table.sortable and table[data-filter], adds the sort buttons and the
** filter box, and does nothing else. It never writes typed text as markup
** (textContent only), and it reads no network, storage or clock.
*/
#include <string.h>
#include "html_kit.h"

/* Natural order in the script matches html_kit_natural_cmp(): runs of
** digits compare by value (leading zeros stripped, then length, then
** digits), the rest by code unit; a cell that is wholly a number (with
** thousands separators) compares numerically with another such cell. */
static const char zScript[] =
"<script>\n"
"(function(){\n"
"function num(s){var t=s.replace(/[,\\u202f\\u00a0 ]/g,'');"
"return /^-?\\d+(\\.\\d+)?$/.test(t)?parseFloat(t):null;}\n"
"function dig(p,q){p=p.replace(/^0+/,'');q=q.replace(/^0+/,'');"
"if(p.length!==q.length)return p.length-q.length;return p<q?-1:p>q?1:0;}\n"
"function nat(a,b){var x=num(a),y=num(b);if(x!==null&&y!==null)return x-y;\n"
" var ra=a.match(/\\d+|\\D+/g)||[],rb=b.match(/\\d+|\\D+/g)||[];\n"
" for(var i=0;i<ra.length&&i<rb.length;i++){var p=ra[i],q=rb[i],d;\n"
"  if(/^\\d/.test(p)&&/^\\d/.test(q)){d=dig(p,q);if(d)return d;}\n"
"  else if(p!==q)return p<q?-1:1;}\n"
" return ra.length-rb.length;}\n"
"function key(r,c){var td=r.cells[c];if(!td)return '';var s=td.getAttribute('data-sort');"
"return s!==null?s:td.textContent.trim();}\n"
"function sortable(t){if(!t.tHead||!t.tBodies.length)return;var hs=t.tHead.rows[0].cells;\n"
" Array.prototype.forEach.call(hs,function(th,c){\n"
"  var b=document.createElement('button');b.type='button';b.className='sort';\n"
"  while(th.firstChild)b.appendChild(th.firstChild);th.appendChild(b);\n"
"  b.addEventListener('click',function(){\n"
"   var asc=th.getAttribute('aria-sort')!=='ascending';\n"
"   Array.prototype.forEach.call(hs,function(h){h.removeAttribute('aria-sort');});\n"
"   th.setAttribute('aria-sort',asc?'ascending':'descending');\n"
"   var tb=t.tBodies[0],rows=Array.prototype.slice.call(tb.rows);\n"
"   rows.forEach(function(r,i){r._o=i;});\n"
"   rows.sort(function(r,s){var v=nat(key(r,c),key(s,c));return (asc?v:-v)||r._o-s._o;});\n"
"   rows.forEach(function(r){tb.appendChild(r);});});});}\n"
"function filter(t){if(!t.tBodies.length)return;\n"
" var d=document.createElement('div'),l=document.createElement('label'),"
"i=document.createElement('input'),o=document.createElement('span');\n"
" d.className='tfilter';i.type='search';o.className='muted';o.setAttribute('aria-live','polite');\n"
" l.appendChild(document.createTextNode('Filter '));l.appendChild(i);d.appendChild(l);\n"
" d.appendChild(document.createTextNode(' '));d.appendChild(o);\n"
" var box=t.parentNode.classList.contains('scroll')?t.parentNode:t;box.parentNode.insertBefore(d,box);\n"
" function upd(){var q=i.value.toLowerCase(),rows=t.tBodies[0].rows,m=0;\n"
"  for(var r=0;r<rows.length;r++){var show=!q||rows[r].textContent.toLowerCase().indexOf(q)>=0;"
"rows[r].hidden=!show;if(show)m++;}\n"
"  o.textContent=m+' of '+rows.length+' rows';}\n"
" i.addEventListener('input',upd);upd();}\n"
"Array.prototype.forEach.call(document.querySelectorAll('table.sortable'),sortable);\n"
"Array.prototype.forEach.call(document.querySelectorAll('table[data-filter]'),filter);\n"
"})();\n"
"</script>\n";

void html_kit_script(StrBuf *pSb){
  strbuf_append(pSb, zScript);
}

static int html_kit_is_digit(char c){ return c>='0' && c<='9'; }

int html_kit_natural_cmp(const char *a, const char *b){
  if( a==NULL || b==NULL ) return (a!=NULL) - (b!=NULL);
  while( *a && *b ){
    if( html_kit_is_digit(*a) && html_kit_is_digit(*b) ){
      const char *pa, *pb;
      size_t na, nb;
      int c;
      while( *a=='0' && html_kit_is_digit(a[1]) ) a++;
      while( *b=='0' && html_kit_is_digit(b[1]) ) b++;
      for(pa=a; html_kit_is_digit(*pa); pa++){}
      for(pb=b; html_kit_is_digit(*pb); pb++){}
      na = (size_t)(pa - a);
      nb = (size_t)(pb - b);
      if( na!=nb ) return na<nb ? -1 : 1;
      c = memcmp(a, b, na);
      if( c ) return c;
      a = pa;
      b = pb;
    }else{
      if( *a!=*b ) return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
      a++;
      b++;
    }
  }
  return (*a!=0) - (*b!=0);
}

/* Does the word z[0..n) hold a line-break opportunity before its last
** byte? Browsers break after a hyphen, a slash, ? ! | \ and the Unicode
** dashes U+2010..U+2015 (UAX #14: classes BA, HY, SY, EX, B2). */
static int html_kit_breakable(const char *z, size_t n){
  size_t i;
  for(i=0; i+1<n; i++){
    unsigned char c = (unsigned char)z[i];
    if( c=='-' || c=='/' || c=='?' || c=='!' || c=='|' || c=='\\' ) return 1;
    if( c==0xe2 && i+3<n && (unsigned char)z[i+1]==0x80
     && (unsigned char)z[i+2]>=0x90 && (unsigned char)z[i+2]<=0x95 ) return 1;
  }
  return 0;
}

void html_kit_text(StrBuf *pSb, const char *z){
  static const char zSpace[] = " \t\r\n";
  if( z==NULL ) return;
  while( *z ){
    size_t nSpace = strspn(z, zSpace), nWord;
    strbuf_appendn(pSb, z, nSpace);
    z += nSpace;
    nWord = strcspn(z, zSpace);
    if( nWord==0 ) break;
    if( html_kit_breakable(z, nWord) ){
      strbuf_append(pSb, "<span class=\"nw\">");
      strbuf_xml_textn(pSb, z, nWord);
      strbuf_append(pSb, "</span>");
    }else{
      strbuf_xml_textn(pSb, z, nWord);
    }
    z += nWord;
  }
}
