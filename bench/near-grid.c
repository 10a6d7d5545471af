/*
 * near-grid.c — the "near" spatial index at the size issue 3 names: 100,000
 * sites against 1,000 tagged ones, grid index against all pairs (same
 * answers). Built and run by bench-check.sh; not part of make check.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "base/geo.h"
int main(void){
  enum {NS=100000, NT=1000};
  static double la[NS], lo[NS], tl[NT], tn[NT];
  srand(1);
  for(int i=0;i<NS;i++){la[i]=35+30.0*rand()/RAND_MAX; lo[i]=-10+40.0*rand()/RAND_MAX;}
  for(int i=0;i<NT;i++){tl[i]=la[i*97]; tn[i]=lo[i*97];}
  double kms[]={2,10,50};
  for(int k=0;k<3;k++){
    struct timespec a,b; clock_gettime(CLOCK_MONOTONIC,&a);
    struct nis5g_geo_index *ix=nis5g_geo_index_new(tl,tn,NT,kms[k]);
    int c=0; for(int i=0;i<NS;i++) c+=nis5g_geo_index_any_within(ix,la[i],lo[i]);
    nis5g_geo_index_free(ix);
    clock_gettime(CLOCK_MONOTONIC,&b);
    double t1=(b.tv_sec-a.tv_sec)+(b.tv_nsec-a.tv_nsec)/1e9;
    clock_gettime(CLOCK_MONOTONIC,&a);
    int d=0; for(int i=0;i<NS;i++){int f=0; for(int j=0;j<NT&&!f;j++) f=nis5g_geo_distance_km(la[i],lo[i],tl[j],tn[j])<=kms[k]+1e-6; d+=f;}
    clock_gettime(CLOCK_MONOTONIC,&b);
    double t2=(b.tv_sec-a.tv_sec)+(b.tv_nsec-a.tv_nsec)/1e9;
    printf("near %g km: grid %.4f s (%d near), all pairs %.3f s (%d near)\n",kms[k],t1,c,t2,d);
  }
}
