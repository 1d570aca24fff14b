%key duplicate_entry
regie weight=2
sturing
regie
