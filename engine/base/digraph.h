/*
** digraph.h — a directed graph over small integer nodes (0, 1, 2, ...),
** kept as one adjacency list per node, with the one question its users
** ask of it: does a path lead from this node to that one?
**
** The scenario validator and the Graph importer keep the groups-in-groups
** relation of a tenant in one (node = the group's index), to refuse (or
** drop) a member group that would make a group contain itself, directly
** or through a cycle. Nodes need not be declared: adding an edge makes
** room for both ends.
**
** Ownership: the Digraph owns its arrays; digraph_free releases them and
** leaves an empty graph. Edges are kept in the order they were added.
*/
#ifndef TS_DIGRAPH_H
#define TS_DIGRAPH_H

typedef struct DigraphNode {
  int *aTo;                /* the heads of the edges leaving this node */
  int nTo, nToAlloc;
} DigraphNode;

typedef struct Digraph {
  DigraphNode *aNode;      /* nNode nodes; those never named have no edges */
  int nNode, nNodeAlloc;
} Digraph;

void digraph_init(Digraph *g);
void digraph_free(Digraph *g);

/* Add the edge iFrom -> iTo (both >= 0). Returns 1 when added, 0 when it
** was there already, -1 when memory ran out (the graph is then as it was,
** though it may have made room for nodes). */
int digraph_add(Digraph *g, int iFrom, int iTo);

/* Remove the edge iFrom -> iTo: 1 when it was there, 0 when not. */
int digraph_remove(Digraph *g, int iFrom, int iTo);

/* Does a path of one edge or more lead from iFrom to iTo, or is iFrom
** iTo itself? 1 yes, 0 no, -1 out of memory (the search allocates its
** visited set and stack, O(nodes) each). */
int digraph_reaches(const Digraph *g, int iFrom, int iTo);

#endif
