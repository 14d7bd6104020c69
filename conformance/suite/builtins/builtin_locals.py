# locals() at module level is the globals dict
top = 'module level'
l = locals()
print(l is globals(), l['top'], '__name__' in l)
for k in ('top', 'l'):
    print(k, k in locals())
