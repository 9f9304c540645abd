/*
** digraph.c — adjacency lists and reachability (see digraph.h).
**
** digraph_reaches is an iterative depth-first search: an explicit stack
** rather than recursion, because an imported tenant may nest groups deep
** enough that recursion depth would follow the data. Each node is pushed
** at most once (the visited set), so a search is O(nodes + edges).
*/
#include <string.h>
#include "mem.h"
#include "digraph.h"

void digraph_init(Digraph *g){
  memset(g, 0, sizeof(*g));
}

void digraph_free(Digraph *g){
  int i;
  for(i=0; i<g->nNode; i++) mem_free(g->aNode[i].aTo);
  mem_free(g->aNode);
  memset(g, 0, sizeof(*g));
}

/* Make nodes 0..i exist. 0, or -1 out of memory. */
static int digraph_room(Digraph *g, int i){
  while( g->nNode<=i ){
    if( mem_grow_int((void**)&g->aNode, g->nNode, &g->nNodeAlloc, sizeof(DigraphNode)) ) return -1;
    g->nNode++;            /* mem_grow_int zeroed it: no edges */
  }
  return 0;
}

int digraph_add(Digraph *g, int iFrom, int iTo){
  DigraphNode *p;
  int k;
  if( digraph_room(g, iFrom>iTo ? iFrom : iTo) ) return -1;
  p = &g->aNode[iFrom];
  for(k=0; k<p->nTo; k++) if( p->aTo[k]==iTo ) return 0;
  if( mem_grow_int((void**)&p->aTo, p->nTo, &p->nToAlloc, sizeof(int)) ) return -1;
  p->aTo[p->nTo++] = iTo;
  return 1;
}

int digraph_remove(Digraph *g, int iFrom, int iTo){
  DigraphNode *p;
  int k;
  if( iFrom>=g->nNode ) return 0;
  p = &g->aNode[iFrom];
  for(k=0; k<p->nTo && p->aTo[k]!=iTo; k++){}
  if( k==p->nTo ) return 0;
  memmove(p->aTo+k, p->aTo+k+1, sizeof(int)*(size_t)(p->nTo-k-1));
  p->nTo--;
  return 1;
}

int digraph_reaches(const Digraph *g, int iFrom, int iTo){
  unsigned char *aSeen;
  int *aStack, nStack = 0, rc = 0;
  if( iFrom==iTo ) return 1;
  if( iFrom>=g->nNode || iTo>=g->nNode ) return 0;
  aSeen = mem_calloc((size_t)g->nNode, 1);
  aStack = mem_malloc(sizeof(int)*(size_t)g->nNode);
  if( aSeen==NULL || aStack==NULL ){ rc = -1; goto out_free; }
  aSeen[iFrom] = 1;
  aStack[nStack++] = iFrom;
  while( nStack>0 && rc==0 ){
    const DigraphNode *p = &g->aNode[aStack[--nStack]];
    int k;
    for(k=0; k<p->nTo; k++){
      int i = p->aTo[k];
      if( i==iTo ){ rc = 1; break; }
      if( !aSeen[i] ){ aSeen[i] = 1; aStack[nStack++] = i; }
    }
  }
out_free:
  mem_free(aSeen);
  mem_free(aStack);
  return rc;
}
